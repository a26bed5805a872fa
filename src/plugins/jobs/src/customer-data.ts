import type { CustomerDataDefinition } from "@customer-modules/core"
import { affectedRows, erasedEmail } from "@customer-modules/core"

/** Mails to the customer's e-mail address. */
const TO_CUSTOMER = `lower(m."to") = (SELECT lower(trim(c.email)) FROM customer c WHERE c.id = $1)`

/**
 * Mail kinds that are commercial letters (invoices, credit notes, reminders,
 * statements): kept as sent (§ 257 HGB, § 147 AO: 6 to 10 years).
 */
const COMMERCIAL_KINDS = ["invoice", "credit_note", "invoice_reminder", "statement", "account_statement"]

/**
 * The jobs plugin's part of a customer's data rights: the mail log of what
 * was sent to the customer. Erasure replaces address, data, subject and body
 * of every mail sent or failed except commercial letters; queued mails are
 * left to be sent (a paid voucher, a booking confirmation).
 */
export const jobsCustomerData: CustomerDataDefinition = {
  plugin: "jobs",
  label: { de: "Versendete E-Mails", en: "E-mails sent", pt: "E-mails enviados" },

  async export(customerId, manager) {
    const mails = await manager.query(
      `SELECT m.id, m.kind, m."to", m.locale, m.subject, m.status, m.sent_at, m.created_at
         FROM job_mail m WHERE ${TO_CUSTOMER} ORDER BY m.created_at DESC LIMIT 10000`,
      [customerId]
    )
    return { mails }
  },

  async erase(customerId, manager) {
    const mails = await manager.query(
      `UPDATE job_mail m SET "to" = $2, data = '{}'::jsonb, subject = NULL, html = NULL, text = NULL, updated_at = now()
        WHERE ${TO_CUSTOMER} AND m.status <> 'queued' AND NOT (m.kind = ANY($3)) RETURNING m.id`,
      [customerId, erasedEmail(customerId), COMMERCIAL_KINDS]
    )
    const [{ kept }] = await manager.query(`SELECT count(*)::int AS kept FROM job_mail m WHERE ${TO_CUSTOMER}`, [customerId])
    return {
      anonymised: { mails: affectedRows(mails) },
      retained:
        kept > 0
          ? [
              {
                what: "commercial_mails",
                count: kept,
                reason: {
                  de: "Rechnungen, Gutschriften, Mahnungen und Auszüge per E-Mail bleiben als Handelsbriefe (§ 257 HGB); noch wartende Mails werden zugestellt",
                  en: "Invoices, credit notes, reminders and statements sent by e-mail stay as commercial letters (German HGB § 257); mails still queued are delivered",
                  pt: "Faturas, notas de crédito, lembretes e extratos enviados por e-mail ficam como correspondência comercial; e-mails em fila são entregues",
                },
              },
            ]
          : [],
    }
  },
}
