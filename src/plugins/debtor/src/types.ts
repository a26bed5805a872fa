import type { TaxGroup, InvoiceLine } from "./utils/totals"

export type InvoiceStatus = "open" | "paid" | "cancelled"

export type DebtorPluginOptions = {
  /** Time zone of invoices written without a POS location (default Europe/Berlin). */
  default_time_zone?: string
  /** Payment terms when the customer has none of their own (default 14 days). */
  payment_terms_days?: number
  /** Days after the due date before the first reminder (default 3). */
  reminder_grace_days?: number
  /** Days between reminder levels (default 14). */
  reminder_interval_days?: number
}

export type PaymentDTO = {
  id: string
  invoice_id: string
  amount: number
  method: string
  paid_on: string
  reference: string | null
  created_at: Date
}

export type CreditNoteDTO = {
  id: string
  number: string
  invoice_id: string
  /** `cancellation`: the whole invoice; `refund`: part of it, for one Medusa refund (a return, claim, swap or refund). */
  kind: "cancellation" | "refund"
  refund_id: string | null
  total: number
  reason: string | null
  /** A partial credit note's own lines and tax split (null: the invoice's lines, negated). */
  lines: InvoiceLine[] | null
  tax_groups: TaxGroup[] | null
  issue_date: string
  created_at: Date
}

export type CorrectionDTO = { id: string; before: Record<string, unknown>; after: Record<string, unknown>; user_id: string | null; created_at: Date }

export type InvoiceDTO = {
  id: string
  number: string
  status: InvoiceStatus
  /** `open` and past its due date in the invoice's time zone. */
  overdue: boolean
  customer_id: string | null
  /** The web order paid on invoice this invoice belongs to (null for invoices from the till). */
  order_id: string | null
  customer_name: string | null
  address_lines: string[]
  email: string | null
  currency_code: string
  lines: InvoiceLine[]
  tax_groups: TaxGroup[]
  net_total: number
  tax_total: number
  total: number
  paid_total: number
  /** What partial credit notes (returns, claims, swaps, refunds) took off the invoice. */
  credited_total: number
  open_amount: number
  issue_date: string
  due_date: string
  payment_terms_days: number
  time_zone: string
  location_id: string | null
  terminal_id: string | null
  staff_id: string | null
  version: number
  paid_at: Date | null
  cancelled_at: Date | null
  created_at: Date
  updated_at: Date
}

export type InvoiceDetail = InvoiceDTO & {
  payments: PaymentDTO[]
  /** The cancellation's credit note, if the invoice was cancelled. */
  credit_note: CreditNoteDTO | null
  /** Every credit note of the invoice, partial ones included, oldest first. */
  credit_notes: CreditNoteDTO[]
  corrections: CorrectionDTO[]
  reminders: { level: number; sent_on: string }[]
}

export type InvoiceTotalsByCurrency = { currency_code: string; count: number; total: number; paid: number; open: number }

export type DebtorContext = { location_id?: string | null; terminal_id?: string | null; staff_id?: string | null; user_id?: string | null }

export type CustomerSettingsDTO = {
  customer_id: string
  payment_terms_days: number | null
  monthly_statement: boolean
  address_lines: string[]
  /** The merchant approved this customer for buying on invoice in the web checkout. */
  invoice_approved: boolean
  /** At most this much (minor units of the store's currency) open on invoice, this order included. */
  invoice_limit: number
}
