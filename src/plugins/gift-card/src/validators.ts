import { z } from "zod"

import { amountMinor, currencyCode, isoDay, pageFields, PageQuery, reference, timeZone } from "@customer-modules/core"
import { ListKindCards, ownCodeSchema } from "@customer-modules/ledger"

const id = z.string().trim().min(1).max(64)
/** The merchant's own voucher number: 8 to 64 characters besides spaces and dashes (the ledger's rule for value cards). */
const ownCode = ownCodeSchema("gift_card")

export const SellVoucher = z
  .object({ amount: amountMinor, currency_code: currencyCode, code: ownCode.optional(), customer_id: id.optional() })
  .strict()

export const ReloadVoucher = z.object({ amount: amountMinor, reference: reference.optional() }).strict()

export const RedeemVoucher = z.object({ amount: amountMinor, reference: reference.optional() }).strict()

export const ListVouchers = ListKindCards

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

// ── Voucher shop ───────────────────────────────────────────────────────

const locale = z.enum(["de", "en", "pt"])
const email = z.string().trim().email("must be an e-mail address").max(254)
const personName = z.string().trim().min(1).max(120)
const shopText = z.string().trim().max(4000)
const localeTexts = z.object({ title: z.string().trim().max(200).optional(), intro: shopText.optional(), terms: shopText.optional() }).strict()
const shopAmount = z.number().int().positive().max(10_000_000)
/** A design's motif: a PNG or JPEG as a data URI (the voucher PDF prints it), at most about 500 kB. */
const designImage = z
  .string()
  .max(700_000, "at most about 500 kB")
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, "a PNG or JPEG data URI")

export const UpdateShopSettings = z
  .object({
    enabled: z.boolean().optional(),
    currency_code: currencyCode.optional(),
    free_amount: z.boolean().optional(),
    min_amount: shopAmount.optional(),
    max_amount: shopAmount.optional(),
    preset_amounts: z.array(shopAmount).max(12).optional(),
    postal_enabled: z.boolean().optional(),
    postal_fee: z.number().int().min(0).max(100_000).optional(),
    send_hour: z.number().int().min(0).max(23).optional(),
    top_up_min: shopAmount.optional(),
    top_up_max: shopAmount.optional(),
    texts: z.object({ de: localeTexts.optional(), en: localeTexts.optional(), pt: localeTexts.optional() }).strict().optional(),
  })
  .strict()

export const CreateShopDesign = z
  .object({ name: z.string().trim().min(1).max(120), image: designImage, position: z.number().int().min(0).max(1000).optional(), active: z.boolean().optional() })
  .strict()

export const UpdateShopDesign = CreateShopDesign.partial().strict()

const productTitle = z.object({ de: z.string().trim().min(1).max(120), en: z.string().trim().min(1).max(120), pt: z.string().trim().min(1).max(120) }).strict()

export const CreateShopProduct = z
  .object({ title: productTitle, amount: shopAmount, position: z.number().int().min(0).max(1000).optional(), active: z.boolean().optional() })
  .strict()

export const UpdateShopProduct = CreateShopProduct.partial().strict()

export const ShopQuery = z.object({ locale: locale.default("de") }).strict()

const shippingAddress = z
  .object({
    name: personName,
    line1: z.string().trim().min(1).max(200),
    line2: z.string().trim().max(200).nullish(),
    postal_code: z.string().trim().min(2).max(16),
    city: z.string().trim().min(1).max(120),
    country_code: z.string().trim().regex(/^[A-Za-z]{2}$/, "a two-letter country code"),
  })
  .strict()

export const CreateShopCart = z
  .object({
    email,
    sender_name: personName,
    locale: locale.optional(),
    delivery: z.enum(["email", "email_post"]).default("email"),
    shipping_address: shippingAddress.nullish(),
    items: z
      .array(
        z
          .object({
            amount: shopAmount.optional(),
            product_id: id.optional(),
            design_id: id.optional(),
            recipient_name: personName,
            recipient_email: email,
            message: z.string().trim().max(500).nullish(),
            deliver_on: isoDay.nullish(),
          })
          .strict()
          .refine((i) => (i.amount === undefined) !== (i.product_id === undefined), { message: "give either amount or product_id" })
      )
      .min(1)
      .max(10),
  })
  .strict()

export const BalanceCheck = z.object({ code: z.string().trim().min(1).max(64) }).strict()

export const BlankTopUp = z
  .object({
    serial: z.string().trim().regex(/^\d{1,18}$/, "digits only"),
    pin: z.string().trim().regex(/^[\d\s-]{4,16}$/, "the PIN under the scratch field"),
    amount: shopAmount,
    email,
    locale: locale.optional(),
  })
  .strict()

export const CreateBlankBatch = z
  .object({
    name: z.string().trim().min(1).max(120),
    currency_code: currencyCode,
    count: z.number().int().min(1).max(1000),
    first_serial: z.number().int().min(1).max(999_999_999_999).optional(),
  })
  .strict()

export const SalesQuery = z
  .object({ ...pageFields, postal: z.enum(["true", "false"]).optional(), to_post: z.enum(["true", "false"]).optional(), format: z.enum(["json", "csv"]).default("json") })
  .strict()

export const EmptyBody = z.object({}).strict()

export const BlankSheetQuery = z.object({ locale: locale.optional(), design_id: id.optional() }).strict()

export const PostalLabelsQuery = z.object({ locale: locale.optional(), to_post: z.enum(["true", "false"]).default("true") }).strict()
