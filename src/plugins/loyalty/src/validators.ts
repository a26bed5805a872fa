import { z } from "zod"

import { amountMinor, currencyCode, instant, isoDay, pageFields, PageQuery, reference, timeZone } from "@customer-modules/core"
import { ownCodeSchema } from "@customer-modules/ledger"

/** Largest sale a till may report for earning: 1 000 000.00 in a two-decimal currency. */
export const MAX_SALE_MINOR = 100_000_000
/** Largest number of points in one grant, deduction or reward. */
export const MAX_POINTS = 10_000_000

const id = z.string().trim().min(1).max(64)
/** A customer card's own number, barcode or UID: 4 to 64 characters besides spaces and dashes (the ledger's rule for customer cards). */
const code = ownCodeSchema("customer_card")
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
    /** The customer agreed to marketing mails (birthday and reactivation mails); asked at registration. */
    marketing_consent: z.boolean().optional(),
  })
  .strict()

/** Largest receipt a till may itemise for exclusions. */
export const MAX_TILL_LINES = 500

const tillLine = z
  .object({
    /** What the line cost before receipt-level discounts, in minor units (0 for a free line). */
    amount: z.number().int("must be a whole number of minor units").min(0).max(MAX_SALE_MINOR),
    product_id: id.optional(),
    variant_id: id.optional(),
    sku: z.string().trim().min(1).max(100).optional(),
    category_id: id.optional(),
  })
  .strict()

export const Earn = z
  .object({
    amount: amountMinor.max(MAX_SALE_MINOR, `must be at most ${MAX_SALE_MINOR} minor units`),
    currency_code: currencyCode,
    reference,
    /** Optional: the receipt's lines, so that excluded products and categories do not earn. */
    lines: z.array(tillLine).min(1).max(MAX_TILL_LINES).optional(),
  })
  .strict()

export const Redeem = z
  .object({
    reward_id: id,
    /** Optional: the receipt, so that the per-sale cap counts every reward redeemed on it. */
    reference: reference.optional(),
  })
  .strict()

export const ApplyCartReward = z.object({ reward_id: id }).strict()

export const IssueCard = z.object({ card_code: code.optional() }).strict()

export const SearchCustomers = z.object({ ...pageFields, q: z.string().trim().min(1).max(100).optional() }).strict()

/** Most customers one till search answers. */
export const MAX_TILL_SEARCH = 10
/** Fewest characters of a till's search term (no card code, address or phone number is shorter). */
export const MIN_TILL_TERM = 4
/** Fewest characters of a name a till may search by (and only together with the birthday). */
export const MIN_TILL_NAME = 3

/**
 * A till looks a customer up, it does not list them: by one specific term
 * (`q`: a card code, an exact e-mail address or an exact phone number), or by
 * at least three characters of a name together with the birthday.
 */
export const TillSearchCustomers = z
  .object({
    q: z.string().trim().min(MIN_TILL_TERM, `must be at least ${MIN_TILL_TERM} characters: a card code, an e-mail address or a phone number`).max(254).optional(),
    name: z.string().trim().min(MIN_TILL_NAME, `must be at least ${MIN_TILL_NAME} characters`).max(100).optional(),
    birthday: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD").optional(),
    limit: z.coerce.number().int().min(1).max(MAX_TILL_SEARCH).optional(),
  })
  .strict()
  .superRefine((v, issue) => {
    const byTerm = v.q !== undefined
    const byName = v.name !== undefined || v.birthday !== undefined
    if (byTerm === byName) {
      issue.addIssue({
        code: z.ZodIssueCode.custom,
        path: byTerm ? ["q"] : [],
        message: "search by q (a card code, an exact e-mail address or phone number), or by name (at least 3 characters) with birthday",
      })
    } else if (byName && (v.name === undefined || v.birthday === undefined)) {
      issue.addIssue({ code: z.ZodIssueCode.custom, path: [v.name === undefined ? "name" : "birthday"], message: "name and birthday go together" })
    }
  })

const rate = z.object({
  points_per_unit: z.number().int().min(0).max(1000),
  unit_minor: z.number().int().min(1).max(1_000_000),
})

/** An instant kept as ISO text in the settings (JSON), normalised to UTC. */
const storedInstant = instant.transform((d) => d.toISOString())

/** Most campaigns kept in the settings (past ones included). */
export const MAX_CAMPAIGNS = 50

/** Extra points in a time window: points × multiplier_percent / 100, at the given tills or everywhere. */
export const Campaign = z
  .object({
    name: z.string().trim().min(1).max(100),
    multiplier_percent: z.number().int("must be a whole percentage").min(101, "must be more than 100 (100 = normal points)").max(1000),
    starts_at: storedInstant,
    ends_at: storedInstant,
    /** Only at these tills' locations; absent: at every till and in the web shop. */
    location_ids: z.array(id).min(1).max(200).optional(),
  })
  .strict()
  .refine((c) => Date.parse(c.ends_at) > Date.parse(c.starts_at), { message: "must end after it starts", path: ["ends_at"] })

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
    campaigns: z.array(Campaign).max(MAX_CAMPAIGNS),
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

const birthdayFields = {
  days: z.coerce.number().int().min(1).max(366).optional(),
  location_id: id.optional(),
  from: instant.optional(),
}

export const BirthdayQuery = z.object(birthdayFields).strict()

/** The letters to print: for those who get no birthday mail (default), or for everyone listed. */
export const BirthdayLettersQuery = z.object({ ...birthdayFields, recipients: z.enum(["without_mail", "all"]).optional() }).strict()

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
    offer_valid_until: isoDay.optional(),
    now: instant.optional(),
  })
  .strict()

export const Consent = z.object({ marketing_consent: z.boolean() }).strict()

export const UnsubscribeQuery = z.object({ customer_id: id, token: z.string().min(1).max(100) }).strict()

export const ExpireRun = z.object({ now: instant.optional() }).strict()

export { PageQuery }

// ── Analysis charts (admin) ─────────────────────────────────────────────

/** Most buckets one points timeline answers (a day-by-day year and a bit). */
export const MAX_TIMELINE_BUCKETS = 400

/** Instants the analysis accepts: 1970 up to 2200 (keeps the calendar arithmetic in plain years). */
const chartInstant = instant.refine((d) => d.getTime() >= 0 && d.getTime() < Date.UTC(2200, 0, 1), "must lie between 1970 and 2200")

export const SegmentsQuery = z.object({ from: chartInstant.optional(), now: chartInstant.optional() }).strict()

export const TimelineQuery = z
  .object({
    from: chartInstant.optional(),
    to: chartInstant.optional(),
    interval: z.enum(["day", "week", "month"]).optional(),
    customer_id: id.optional(),
    format: z.enum(["json", "csv"]).optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from.getTime() < q.to.getTime(), { message: "must be before to", path: ["from"] })
