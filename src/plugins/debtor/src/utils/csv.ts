import { csvOf } from "@customer-modules/core"

import type { InvoiceDTO, PaymentDTO } from "../types"

/** Open items: one row per open invoice, amounts in minor units. */
export function openItemsCsv(invoices: InvoiceDTO[]): string {
  return csvOf(
    invoices.map((i) => [i.number, i.issue_date, i.due_date, i.customer_id ?? "", i.customer_name, i.email, i.currency_code, i.total, i.paid_total, i.open_amount, i.overdue ? "yes" : "no"]),
    ["number", "issue_date", "due_date", "customer_id", "customer_name", "email", "currency_code", "total_minor", "paid_minor", "open_minor", "overdue"]
  )
}

/** Payments recorded against invoices, oldest first. */
export function paymentsCsv(payments: (PaymentDTO & { number: string; currency_code: string; customer_id: string | null })[]): string {
  return csvOf(
    payments.map((p) => [p.paid_on, p.id, p.number, p.customer_id ?? "", p.currency_code, p.amount, p.method, p.reference]),
    ["paid_on", "payment_id", "invoice_number", "customer_id", "currency_code", "amount_minor", "method", "reference"]
  )
}
