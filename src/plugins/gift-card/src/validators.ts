import { z } from "zod"

import { amountMinor, currencyCode, isoDay, pageFields, PageQuery, reference, timeZone } from "@customer-modules/core"
import { ownCodeSchema } from "@customer-modules/ledger"

const id = z.string().trim().min(1).max(64)
/** The merchant's own voucher number: 8 to 64 characters besides spaces and dashes (the ledger's rule for value cards). */
const ownCode = ownCodeSchema("gift_card")

export const SellVoucher = z
  .object({ amount: amountMinor, currency_code: currencyCode, code: ownCode.optional(), customer_id: id.optional() })
  .strict()

export const ReloadVoucher = z.object({ amount: amountMinor, reference: reference.optional() }).strict()

export const RedeemVoucher = z.object({ amount: amountMinor, reference: reference.optional() }).strict()

export const ListVouchers = z
  .object({
    ...pageFields,
    q: z.string().trim().max(128).optional(),
    status: z.enum(["inactive", "active", "blocked"]).optional(),
    customer_id: id.optional(),
  })
  .strict()

export const CreateInactiveVouchers = z
  .object({
    currency_code: currencyCode,
    count: z.number().int().min(1).max(1000).optional(),
    range_id: id.optional(),
    codes: z.array(ownCode).min(1).max(1000).optional(),
  })
  .strict()
  .refine((b) => (b.codes === undefined) !== (b.count === undefined), { message: "give either count (with an optional range_id) or codes" })
  .refine((b) => !(b.codes && b.range_id), { message: "range_id numbers generated vouchers; do not combine it with codes" })

export const StatusChange = z.object({ reference: reference.optional() }).strict()

export const LinkCustomer = z.object({ customer_id: id.nullable(), replace: z.boolean().optional() }).strict()

export const PosLinkCustomer = z.object({ customer_id: id }).strict()

export const UpdateSettings = z
  .object({
    validity: z.enum(["none", "months", "years_after_year_end"]).optional(),
    validity_count: z.number().int().min(1).max(600).optional(),
    time_zone: timeZone.optional(),
  })
  .strict()

export const LiabilityQuery = z
  .object({
    from: isoDay,
    /** Inclusive: the report runs to the end of this day. */
    to: isoDay,
    currency_code: currencyCode.default("eur"),
    location_id: id.optional(),
    time_zone: timeZone.optional(),
    format: z.enum(["json", "csv"]).default("json"),
  })
  .strict()

export const ExpireNow = z.object({}).strict()

export const ReceiptQuery = z
  .object({
    columns: z.coerce.number().int().refine((n) => n === 32 || n === 42 || n === 48, "32, 42 or 48").default(42),
    locale: z.enum(["de", "en", "pt"]).default("de"),
    title: z.string().trim().max(48).optional(),
  })
  .strict()

export const ApplyVoucher = z.object({ code: z.string().trim().min(1).max(64) }).strict()

export const SendVoucher = z
  .object({
    email: z.string().trim().email("must be an e-mail address").max(254),
    locale: z.enum(["de", "en", "pt"]).optional(),
    recipient_name: z.string().trim().min(1).max(200).optional(),
    message: z.string().trim().min(1).max(500).optional(),
  })
  .strict()

export const VoucherPdfQuery = z.object({ locale: z.enum(["de", "en", "pt"]).optional() }).strict()

export const RefundVoucher = z.object({ reference: reference.optional() }).strict()

export const RefundOrderToVouchers = z.object({ amount: amountMinor, reference: reference.optional() }).strict()

export { PageQuery }
