import type { CorrectionDTO, CreditNoteDTO, InvoiceDTO, InvoiceStatus, PaymentDTO } from "../types"

/** A row as raw SQL returns it: bigints as strings, dates as Date. */
export type Row = Record<string, unknown>

const str = (v: unknown): string => String(v)
const optStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))
const instant = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)))
const optInstant = (v: unknown): Date | null => (v === null || v === undefined ? null : instant(v))

/** node-postgres parses a `date` as local midnight: read it back with local getters. */
const pad = (n: number) => String(n).padStart(2, "0")
export const day = (v: unknown): string =>
  v instanceof Date ? `${v.getFullYear()}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}` : String(v).slice(0, 10)

export function toInvoiceDTO(r: Row): InvoiceDTO {
  const total = Number(r.total)
  const paid = Number(r.paid_total)
  const credited = Number(r.credited_total ?? 0)
  return {
    id: str(r.id),
    number: str(r.number),
    status: r.status as InvoiceStatus,
    overdue: r.status === "open" && r.overdue === true,
    customer_id: optStr(r.customer_id),
    order_id: optStr(r.order_id),
    customer_name: optStr(r.buyer_name),
    address_lines: (r.buyer_address as string[] | null) ?? [],
    email: optStr(r.email),
    currency_code: str(r.currency_code),
    lines: r.lines as InvoiceDTO["lines"],
    tax_groups: r.tax_groups as InvoiceDTO["tax_groups"],
    net_total: Number(r.net_total),
    tax_total: Number(r.tax_total),
    total,
    paid_total: paid,
    credited_total: credited,
    open_amount: r.status === "cancelled" ? 0 : Math.max(0, total - paid - credited),
    issue_date: day(r.issue_date),
    due_date: day(r.due_date),
    payment_terms_days: Number(r.payment_terms_days),
    time_zone: str(r.time_zone),
    location_id: optStr(r.location_id),
    terminal_id: optStr(r.terminal_id),
    staff_id: optStr(r.staff_id),
    version: Number(r.version),
    paid_at: optInstant(r.paid_at),
    cancelled_at: optInstant(r.cancelled_at),
    created_at: instant(r.created_at),
    updated_at: instant(r.updated_at),
  }
}

export function toPaymentDTO(r: Row): PaymentDTO {
  return {
    id: str(r.id),
    invoice_id: str(r.invoice_id),
    amount: Number(r.amount),
    method: str(r.method),
    paid_on: day(r.paid_on),
    reference: optStr(r.reference),
    created_at: instant(r.created_at),
  }
}

export function toCreditNoteDTO(r: Row): CreditNoteDTO {
  return {
    id: str(r.id),
    number: str(r.number),
    invoice_id: str(r.invoice_id),
    kind: (r.kind as CreditNoteDTO["kind"]) ?? "cancellation",
    refund_id: optStr(r.refund_id),
    total: Number(r.total),
    reason: optStr(r.reason),
    lines: (r.lines as CreditNoteDTO["lines"]) ?? null,
    tax_groups: (r.tax_groups as CreditNoteDTO["tax_groups"]) ?? null,
    issue_date: day(r.issue_date),
    created_at: instant(r.created_at),
  }
}

export function toCorrectionDTO(r: Row): CorrectionDTO {
  return {
    id: str(r.id),
    before: r.before as Record<string, unknown>,
    after: r.after as Record<string, unknown>,
    user_id: optStr(r.user_id),
    created_at: instant(r.created_at),
  }
}

/** The SELECT list for invoices, with `overdue` computed in each invoice's time zone at `$now`. */
export const INVOICE_COLUMNS = (nowParam: string) =>
  `i.*, (i.status = 'open' AND i.due_date < (${nowParam}::timestamptz AT TIME ZONE i.time_zone)::date) AS overdue`
