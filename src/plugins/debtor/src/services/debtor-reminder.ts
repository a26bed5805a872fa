import { TransactionBaseService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import type { MailService } from "@customer-modules/jobs"

import type { DebtorPluginOptions } from "../types"
import type DebtorDocumentService from "./debtor-document"
import { daysBetween } from "../utils/dates"
import { debtorOptions, MAX_BATCH } from "../utils/options"
import { INVOICE_COLUMNS, Row, toInvoiceDTO } from "../utils/rows"

type InjectedDependencies = {
  manager: EntityManager
  mailService: MailService
  debtorDocumentService: DebtorDocumentService
}

/**
 * Payment reminders (dunning) for open invoices: up to three levels, the first
 * once the due date plus the grace days have passed in the invoice's time
 * zone, each further level an interval later; the invoice PDF is attached.
 *
 * Guarantees, however often the schedule runs and however runs overlap:
 * - each level of an invoice is mailed at most once (the mail's key
 *   `debtor:reminder:<invoice>:<level>`) and recorded once (`debtor_reminder`,
 *   unique per invoice and level);
 * - a run sends at most the next level per invoice, never a level before its
 *   day, and only for open invoices with an e-mail.
 *
 * Resolved as `debtorReminderService`; the `debtor.reminders` schedule runs
 * `sendRemindersDue`; the attached PDF is `debtorDocumentService`'s.
 */
export default class DebtorReminderService extends TransactionBaseService {
  protected readonly mailService_: MailService
  protected readonly debtorDocumentService_: DebtorDocumentService
  protected readonly options_: Required<DebtorPluginOptions>

  constructor(container: InjectedDependencies, options: DebtorPluginOptions = {}) {
    super(container)
    this.mailService_ = container.mailService
    this.debtorDocumentService_ = container.debtorDocumentService
    this.options_ = debtorOptions(options)
  }

  /**
   * Reminders for open invoices with an e-mail: level 1 once the due date plus
   * the grace days have passed (in the invoice's time zone at `now`), level 2
   * and 3 each a further interval later. Each level is recorded once
   * (debtor_reminder) and mailed under `debtor:reminder:<invoice>:<level>`;
   * a run sends at most the next level per invoice. The mail's key, not the
   * record, is what makes a level go out once, even when runs overlap.
   */
  async sendRemindersDue(now: Date): Promise<{ sent: { invoice_id: string; level: number }[] }> {
    const grace = this.options_.reminder_grace_days
    const interval = this.options_.reminder_interval_days
    const rows: Row[] = await this.activeManager_.query(
      `SELECT ${INVOICE_COLUMNS("$1")}, ($1::timestamptz AT TIME ZONE i.time_zone)::date::text AS today,
              COALESCE((SELECT max(level) FROM debtor_reminder r WHERE r.invoice_id = i.id), 0) AS last_level
         FROM debtor_invoice i
        WHERE i.status = 'open' AND i.email IS NOT NULL
          AND i.due_date + $2::integer < ($1::timestamptz AT TIME ZONE i.time_zone)::date
        ORDER BY i.due_date, i.id LIMIT ${MAX_BATCH}`,
      [now.toISOString(), grace]
    )
    const sent: { invoice_id: string; level: number }[] = []
    for (const row of rows) {
      const invoice = toInvoiceDTO(row)
      const overdueDays = daysBetween(invoice.due_date, String(row.today)) - grace
      const reached = Math.min(3, 1 + Math.floor((overdueDays - 1) / interval))
      const level = Number(row.last_level) + 1
      if (level > 3 || level > reached) {
        continue
      }
      await this.mailService_.enqueue({
        key: `debtor:reminder:${invoice.id}:${level}`,
        kind: "invoice_reminder",
        to: invoice.email!,
        data: {
          customer_name: invoice.customer_name,
          invoice_number: invoice.number,
          open_minor: invoice.open_amount,
          currency_code: invoice.currency_code,
          due_date: invoice.due_date,
          level,
        },
        attachments: [{ document: { kind: "invoice", key: this.debtorDocumentService_.documentKey(invoice), data: this.debtorDocumentService_.documentData(invoice), filename: `${invoice.number}.pdf` } }],
      })
      // Recorded after the mail is queued: the mail's key makes a repeat a no-op, so a run
      // that failed in between sends nothing twice and records the level next time.
      await this.activeManager_.query(
        `INSERT INTO debtor_reminder (invoice_id, level, sent_on) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [invoice.id, level, String(row.today)]
      )
      sent.push({ invoice_id: invoice.id, level })
    }
    return { sent }
  }
}
