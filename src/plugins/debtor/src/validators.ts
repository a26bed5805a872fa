import { z } from "zod"

import { amountMinor, currencyCode, isoDay, pageFields, reference } from "@customer-modules/core"

/** Largest single invoice line price, charge or payment: 10 000 000.00 in a two-decimal currency. */
export const MAX_AMOUNT_MINOR = 1_000_000_000
export const MAX_LINES = 200

const id = z.string().min(1).max(64)
const email = z.string().trim().email("must be an e-mail address").max(254)
const name = z.string().trim().min(1).max(200)
const addressLines = z.array(z.string().trim().min(1).max(200)).max(6)
const amount = amountMinor.max(MAX_AMOUNT_MINOR, `must be at most ${MAX_AMOUNT_MINOR} minor units`)

const thousandths = (q: number) => Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6
const hundredths = (r: number) => Math.abs(r * 100 - Math.round(r * 100)) < 1e-6

export const InvoiceLine = z
  .object({
    title: z.string().trim().min(1).max(300),
    quantity: z.number().positive("must be greater than zero").max(1_000_000).refine(thousandths, "at most three decimals"),
    /** Gross (tax included), integer minor units, ≥ 0. */
    unit_price: z
      .number({ invalid_type_error: "must be an integer number of minor units" })
      .int("must be an integer number of minor units (cents), not a fraction")
      .min(0, "must not be negative")
      .max(MAX_AMOUNT_MINOR, `must be at most ${MAX_AMOUNT_MINOR} minor units`),
    /** Percent, 0 to 100, at most two decimals. */
    tax_rate: z.number().min(0, "must be between 0 and 100").max(100, "must be between 0 and 100").refine(hundredths, "at most two decimals"),
  })
  .strict()

/** Largest invoice total: 10 000 000 000.00 in a two-decimal currency (keeps every sum an exact integer). */
export const MAX_INVOICE_TOTAL_MINOR = 1_000_000_000_000

export const CreateInvoice = z
  .object({
    customer_id: id.optional(),
    customer_name: name.optional(),
    email: email.optional(),
    currency_code: currencyCode,
    lines: z
      .array(InvoiceLine)
      .min(1, "an invoice needs at least one line")
      .max(MAX_LINES)
      .refine((lines) => lines.reduce((sum, l) => sum + l.quantity * l.unit_price, 0) <= MAX_INVOICE_TOTAL_MINOR, `the invoice total must be at most ${MAX_INVOICE_TOTAL_MINOR} minor units`),
  })
  .strict()
export type CreateInvoiceInput = z.infer<typeof CreateInvoice>

export const INVOICE_FILTERS = ["open", "overdue", "paid", "cancelled"] as const

export const ListInvoices = z
  .object({
    ...pageFields,
    status: z.enum(INVOICE_FILTERS).optional(),
    customer_id: id.optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
    q: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
export type InvoiceFilter = Omit<z.infer<typeof ListInvoices>, "limit" | "offset">

export const CorrectBuyer = z
  .object({ customer_name: name.optional(), address_lines: addressLines.optional(), email: email.nullable().optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one of customer_name, address_lines, email")

export const PAYMENT_METHODS = ["bank_transfer", "cash", "card", "direct_debit", "voucher", "other"] as const

export const RecordPayment = z
  .object({
    amount,
    method: z.enum(PAYMENT_METHODS),
    paid_on: isoDay.optional(),
    reference: reference.optional(),
  })
  .strict()

export const CancelInvoice = z.object({ reason: reference.optional() }).strict()

export const SendInvoice = z.object({ to: email.optional() }).strict()

export const CustomerSettings = z
  .object({
    payment_terms_days: z.number().int().min(0).max(365).nullable().optional(),
    monthly_statement: z.boolean().optional(),
    address_lines: addressLines.optional(),
    invoice_approved: z.boolean().optional(),
    /** Minor units of the store's currency; 0 to 2^53. */
    invoice_limit: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict()

/** The recovery route of the refund subscriber takes no options. */
export const CreditRefunds = z.object({}).strict()

export const ExportQuery = z
  .object({ kind: z.enum(["open_items", "payments"]), from: isoDay.optional(), to: isoDay.optional() })
  .strict()

// ── customer accounts ──

export const OpenAccount = z
  .object({
    customer_id: id,
    currency_code: currencyCode,
    credit_limit: z.number().int("must be an integer number of minor units").min(0).max(MAX_AMOUNT_MINOR),
  })
  .strict()

export const UpdateAccount = z
  .object({ credit_limit: z.number().int("must be an integer number of minor units").min(0).max(MAX_AMOUNT_MINOR) })
  .strict()

export const ListAccounts = z.object({ ...pageFields, customer_id: id.optional() }).strict()

export const TENDERS = ["cash", "card", "bank_transfer", "voucher", "other"] as const

export const Charge = z.object({ amount, reference: reference.optional() }).strict()
export const Settle = z.object({ amount, tender: z.enum(TENDERS) }).strict()

export const StatementQuery = z.object({ format: z.enum(["json", "pdf"]).optional(), ...pageFields }).strict()
export const SendStatement = z.object({ to: email.optional() }).strict()

export const RunNow = z.object({ now: z.string().datetime({ offset: true }).optional() }).strict()

export const LocationSettings = z
  .object({ number_prefix: z.string().regex(/^[A-Z0-9]{1,8}$/, "1 to 8 upper-case letters or digits").nullable() })
  .strict()
