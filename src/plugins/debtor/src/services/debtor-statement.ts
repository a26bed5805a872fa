import { TransactionBaseService } from "@medusajs/medusa"
import type { CustomerService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import type { MailService } from "@customer-modules/jobs"

import type { StatementDocumentData } from "../documents/statement"
import type { DebtorPluginOptions } from "../types"
import type DebtorInvoiceService from "./debtor-invoice"
import type DebtorSettingsService from "./debtor-settings"
import { debtorCustomer } from "../utils/customers"
import { localDate } from "../utils/dates"
import { debtorOptions, MAX_BATCH } from "../utils/options"

type InjectedDependencies = {
  manager: EntityManager
  customerService: CustomerService
  mailService: MailService
  debtorInvoiceService: DebtorInvoiceService
  debtorSettingsService: DebtorSettingsService
}

/**
 * Open-items statements of invoices: what a customer owes on open invoices in
 * one currency, as a PDF on demand and mailed monthly to customers flagged
 * `monthly_statement`. (The statement of a customer account's movements is
 * `debtorAccountService.movementsStatement`.)
 *
 * Guarantees, however often the schedule runs:
 * - one statement mail per customer, currency and month
 *   (`debtor:statement:<customer>:<cur>:<YYYY-MM>`), none without an e-mail
 *   or without open items;
 * - the PDF and the mail are built from the same data, so they agree.
 *
 * Resolved as `debtorStatementService`; the `debtor.monthly-statements`
 * schedule runs `sendMonthlyStatements`.
 */
export default class DebtorStatementService extends TransactionBaseService {
  protected readonly customerService_: CustomerService
  protected readonly mailService_: MailService
  protected readonly debtorInvoiceService_: DebtorInvoiceService
  protected readonly debtorSettingsService_: DebtorSettingsService
  protected readonly options_: Required<DebtorPluginOptions>

  constructor(container: InjectedDependencies, options: DebtorPluginOptions = {}) {
    super(container)
    this.customerService_ = container.customerService
    this.mailService_ = container.mailService
    this.debtorInvoiceService_ = container.debtorInvoiceService
    this.debtorSettingsService_ = container.debtorSettingsService
    this.options_ = debtorOptions(options)
  }

  /**
   * The open-items statement of one customer in one currency as of `asOf`
   * (one item per open invoice, its open amount): the same data feeds the PDF
   * and the mail, so they agree.
   */
  async openItemsStatement(customerId: string, currencyCode: string, asOf: string): Promise<{ document: StatementDocumentData; open_total: number; open_items: number; email: string | null; name: string }> {
    const customer = await debtorCustomer(this.customerService_, this.activeManager_, customerId)
    const settings = await this.debtorSettingsService_.withTransaction(this.activeManager_).settingsOf(customerId)
    const items = await this.debtorInvoiceService_.withTransaction(this.activeManager_).openItems({ customer_id: customerId, currency_code: currencyCode })
    const name = [customer.first_name, customer.last_name].filter(Boolean).join(" ") || customer.email
    const document: StatementDocumentData = {
      as_of: asOf,
      currency_code: currencyCode,
      customer: { name, address_lines: settings.address_lines, customer_number: customerId },
      items: items.map((i) => ({ date: i.issue_date, reference: i.number, description: null, due_date: i.due_date, amount_minor: i.open_amount })),
    }
    return { document, open_total: items.reduce((s, i) => s + i.open_amount, 0), open_items: items.length, email: customer.email ?? null, name }
  }

  /**
   * Monthly statements: for every customer flagged `monthly_statement` with
   * open items, a statement PDF per currency and a mail with it attached, once
   * per customer, currency and month (`debtor:statement:<customer>:<cur>:<YYYY-MM>`).
   */
  async sendMonthlyStatements(now: Date): Promise<{ sent: { customer_id: string; currency_code: string; key: string }[] }> {
    const asOf = localDate(now, this.options_.default_time_zone)
    const month = asOf.slice(0, 7)
    const due: { customer_id: string; currency_code: string }[] = await this.activeManager_.query(
      `SELECT DISTINCT i.customer_id, i.currency_code FROM debtor_invoice i
         JOIN debtor_customer_setting s ON s.customer_id = i.customer_id AND s.monthly_statement
        WHERE i.status = 'open' ORDER BY i.customer_id, i.currency_code LIMIT ${MAX_BATCH}`
    )
    const sent: { customer_id: string; currency_code: string; key: string }[] = []
    for (const { customer_id, currency_code } of due) {
      const statement = await this.openItemsStatement(customer_id, currency_code, asOf)
      if (!statement.email || statement.open_items === 0) {
        continue
      }
      const key = `debtor:statement:${customer_id}:${currency_code}:${month}`
      await this.mailService_.enqueue({
        key,
        kind: "statement",
        to: statement.email,
        data: {
          customer_name: statement.name,
          as_of: asOf,
          open_total_minor: statement.open_total,
          currency_code,
          open_items: statement.open_items,
        },
        attachments: [{ document: { kind: "statement", key, data: statement.document, filename: `statement-${month}.pdf` } }],
      })
      sent.push({ customer_id, currency_code, key })
    }
    return { sent }
  }
}
