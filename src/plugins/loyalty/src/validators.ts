import { z } from "zod"

import { amountMinor, currencyCode, instant, pageFields, PageQuery, reference, timeZone } from "@customer-modules/core"

/** Largest sale a till may report for earning: 1 000 000.00 in a two-decimal currency. */
export const MAX_SALE_MINOR = 100_000_000
/** Largest number of points in one grant, deduction or reward. */
export const MAX_POINTS = 10_000_000

const id = z.string().trim().min(1).max(64)
const code = z.string().trim().min(1).max(128)
const name = z.string().trim().min(1).max(100)
const points = z.number().int("must be a whole number of points").positive("must be greater than zero").max(MAX_POINTS)
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && d.getTime() <= Date.now()
  }, "must be a real date in the past")
export const RegisterCustomer = z
  .object({
    first_name: name,
    last_name: name,
    email: z.string().trim().toLowerCase().email().max(254).optional(),
    phone: z.string().trim().regex(/^\+?[0-9 ()/-]{3,30}$/, "must be a phone number").optional(),
    birthday: isoDate.optional(),
    card_code: code.optional(),
  })
  .strict()

export const Earn = z
  .object({
    amount: amountMinor.max(MAX_SALE_MINOR, `must be at most ${MAX_SALE_MINOR} minor units`),
    currency_code: currencyCode,
    reference,
  })
  .strict()

export const Redeem = z.object({ reward_id: id }).strict()

export const SearchCustomers = z.object({ ...pageFields, q: z.string().trim().min(1).max(100).optional() }).strict()

const rate = z.object({
  points_per_unit: z.number().int().min(0).max(1000),
  unit_minor: z.number().int().min(1).max(1_000_000),
})

export const Settings = z
  .object({
    points_per_unit: z.number().int().min(0).max(1000),
    unit_minor: z.number().int().min(1).max(1_000_000),
    rounding: z.enum(["floor", "round"]),
    min_spend_minor: z.number().int().min(0).max(MAX_SALE_MINOR),
    redemption_cap_points: points.nullable(),
    excluded_product_ids: z.array(id).max(500),
    excluded_category_ids: z.array(id).max(500),
    location_rates: z.record(id, rate).refine((r) => Object.keys(r).length <= 200, "at most 200 locations"),
    birthday_points: z.number().int().min(0).max(MAX_POINTS),
    birthday_message: z.string().trim().max(2000).nullable(),
    time_zone: timeZone,
    /** Points expire this many months after they were earned, oldest first; null: never. */
    expiry_months: z.number().int().min(1).max(120).nullable(),
    /** Days before expiry that the customer is told (0: no notice). */
    expiry_notice_days: z.number().int().min(0).max(365),
  })
  .strict()

export type LoyaltySettings = z.infer<typeof Settings>

export const UpdateSettings = Settings.partial().strict()

const rewardBase = {
  title: z.string().trim().min(1).max(200),
  points,
  active: z.boolean().optional(),
}

export const CreateReward = z.discriminatedUnion("kind", [
  z.object({ ...rewardBase, kind: z.literal("product_variant"), variant_id: id }).strict(),
  z.object({ ...rewardBase, kind: z.literal("discount"), discount_amount: amountMinor.max(MAX_SALE_MINOR), currency_code: currencyCode }).strict(),
])

export const UpdateReward = z
  .object({ title: rewardBase.title.optional(), points: points.optional(), active: z.boolean().optional() })
  .strict()

export const Adjust = z
  .object({
    points: z.number().int("must be a whole number of points").refine((n) => n !== 0, "must not be 0").refine((n) => Math.abs(n) <= MAX_POINTS, `at most ${MAX_POINTS}`),
    reason: reference,
  })
  .strict()

export const GroupGrant = z.object({ points, reason: reference, campaign: z.string().trim().min(1).max(60).regex(/^[A-Za-z0-9._-]+$/, "letters, digits, . _ -") }).strict()

export const BirthdayQuery = z
  .object({
    days: z.coerce.number().int().min(1).max(366).optional(),
    location_id: id.optional(),
    from: z
      .string()
      .refine((v) => !Number.isNaN(Date.parse(v)), "must be an ISO 8601 instant")
      .transform((v) => new Date(v))
      .optional(),
  })
  .strict()

export const CreateCards = z
  .object({
    codes: z.array(code).min(1).max(500).optional(),
    range_id: id.optional(),
    count: z.number().int().min(1).max(500).optional(),
  })
  .strict()

export const AnalysisQuery = z
  .object({
    ...pageFields,
    from: instant.optional(),
    now: instant.optional(),
    segment: z.enum(["champions", "loyal", "new", "at_risk", "lost", "regular"]).optional(),
  })
  .strict()

export const ReactivationQuery = z
  .object({
    inactive_days: z.coerce.number().int().min(1).max(3650).optional(),
    now: instant.optional(),
    format: z.enum(["json", "csv"]).optional(),
  })
  .strict()

export const ReactivationMail = z
  .object({
    inactive_days: z.number().int().min(1).max(3650),
    campaign: z.string().trim().min(1).max(60).regex(/^[A-Za-z0-9._-]+$/, "letters, digits, . _ -"),
    message: z.string().trim().min(1).max(1500).optional(),
    offer: z.string().trim().min(1).max(300).optional(),
    offer_valid_until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD").optional(),
    now: instant.optional(),
  })
  .strict()

export const Consent = z.object({ marketing_consent: z.boolean() }).strict()

export const UnsubscribeQuery = z.object({ customer_id: id, token: z.string().min(1).max(100) }).strict()

export const ExpireRun = z.object({ now: instant.optional() }).strict()

export { PageQuery }
