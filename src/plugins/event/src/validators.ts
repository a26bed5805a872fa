import { z } from "zod"

import { currencyCode, isIsoInstant, timeZone } from "@customer-modules/core"

/** Most places one registration takes. */
export const MAX_QUANTITY = 50
export const LOCALES = ["de", "en", "pt"] as const
export type Locale = (typeof LOCALES)[number]

const instant = z.string().refine(isIsoInstant, { message: "must be an ISO 8601 instant with its offset (2026-05-01T18:00:00+02:00)" })
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD").refine((s) => !Number.isNaN(Date.parse(s)), "must be a real date")
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a local time HH:MM")
/** A wall time in the venue's zone, as the admin's date-and-time field gives it. */
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, "must be a local date and time YYYY-MM-DDTHH:MM")
  .refine((s) => !Number.isNaN(Date.parse(`${s.slice(0, 10)}T00:00:00Z`)), "must be a real date")
const text = (max: number) => z.string().trim().min(1).max(max)
const id = z.string().trim().min(1).max(64)
const money = z.number().int("must be an integer number of minor units").min(0).max(100_000_000)

/** A text in one language or in several (`{ de, en, pt }`). */
export const LocalText = z.union([text(200), z.object({ de: text(200).optional(), en: text(200).optional(), pt: text(200).optional() }).strict()])
export type LocalText = z.infer<typeof LocalText>

export const Question = z
  .object({
    id: z.string().regex(/^[a-z0-9_-]{1,40}$/, "lower-case letters, digits, - and _ (1 to 40)"),
    type: z.enum(["text", "choice", "yes_no"]),
    label: LocalText,
    required: z.boolean().default(false),
    choices: z.array(z.object({ id: z.string().regex(/^[a-z0-9_-]{1,40}$/), label: LocalText }).strict()).min(2).max(20).optional(),
  })
  .strict()
  .refine((q) => (q.type === "choice") === (q.choices !== undefined), { message: "choices belong to (and are needed by) a choice question" })
export type Question = z.infer<typeof Question>
const Questions = z.array(Question).max(20).refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, "question ids must be unique")

export const PriceCategory = z
  .object({ id: z.string().regex(/^[a-z0-9_-]{1,40}$/), label: LocalText, price: money })
  .strict()
export type PriceCategory = z.infer<typeof PriceCategory>
const PriceCategories = z.array(PriceCategory).max(10).refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, "category ids must be unique")

const MailTexts = z.object({ confirmation: z.string().max(2000).optional(), reminder: z.string().max(2000).optional() }).strict()

export const CreateVenue = z
  .object({
    name: text(200),
    address: z.string().trim().max(500).nullish(),
    time_zone: timeZone,
    capacity_hint: z.number().int().positive().max(1_000_000).nullish(),
    location_id: id.nullish(),
  })
  .strict()
export const UpdateVenue = CreateVenue.partial().strict()

export const CreateTemplate = z
  .object({
    title: text(200),
    description: z.string().max(20_000).nullish(),
    image_url: z.string().url().max(1000).nullish(),
    venue_id: id.nullish(),
    duration_minutes: z.number().int().positive().max(60 * 24 * 14),
    capacity: z.number().int().positive().max(100_000),
    price: money.default(0),
    currency_code: currencyCode,
    price_categories: PriceCategories.default([]),
    questions: Questions.default([]),
    waitlist: z.boolean().default(false),
    min_participants: z.number().int().positive().nullish(),
    mail_texts: MailTexts.default({}),
  })
  .strict()
export const UpdateTemplate = CreateTemplate.partial().strict()

const EventSettings = {
  description: z.string().max(20_000).nullish(),
  image_url: z.string().url().max(1000).nullish(),
  price_categories: PriceCategories.optional(),
  questions: Questions.optional(),
  waitlist: z.boolean().optional(),
  registration_opens_at: instant.nullish(),
  registration_closes_at: instant.nullish(),
  min_participants: z.number().int().positive().max(100_000).nullish(),
  cancel_by: instant.nullish(),
  hold_minutes: z.number().int().min(1).max(24 * 60).optional(),
  payment_days: z.number().int().min(1).max(90).nullish(),
  offer_hours: z.number().int().min(1).max(24 * 14).optional(),
  cancel_cutoff_hours: z.number().int().min(0).max(24 * 60).optional(),
  mail_texts: MailTexts.optional(),
}

export const CreateEvent = z
  .object({
    title: text(200),
    venue_id: id,
    starts_at: instant,
    ends_at: instant,
    capacity: z.number().int().positive().max(100_000),
    price: money,
    currency_code: currencyCode,
    published: z.boolean(),
    template_id: id.nullish(),
    ...EventSettings,
  })
  .strict()
export type CreateEvent = z.infer<typeof CreateEvent>

export const UpdateEvent = z
  .object({
    title: text(200).optional(),
    venue_id: id.optional(),
    starts_at: instant.optional(),
    ends_at: instant.optional(),
    /** Instead of `starts_at` / `ends_at`: the wall time in the (new) venue's zone. */
    local_start: localDateTime.optional(),
    local_end: localDateTime.optional(),
    capacity: z.number().int().positive().max(100_000).optional(),
    price: money.optional(),
    published: z.boolean().optional(),
    ...EventSettings,
  })
  .strict()
  .refine((b) => !(b.starts_at && b.local_start) && !(b.ends_at && b.local_end), { message: "give starts_at or local_start (ends_at or local_end), not both" })
export type UpdateEvent = z.infer<typeof UpdateEvent>

/** One date or a series from a template: weekly on weekdays between two dates, or a list of dates; each at `time` local. */
export const CreateFromTemplate = z
  .object({
    venue_id: id.optional(),
    time: localTime,
    dates: z.array(isoDay).min(1).max(200).optional(),
    weekly: z
      .object({ weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7), from: isoDay, until: isoDay })
      .strict()
      .optional(),
    published: z.boolean().default(false),
    capacity: z.number().int().positive().max(100_000).optional(),
  })
  .strict()
  .refine((b) => (b.dates === undefined) !== (b.weekly === undefined), { message: "give either dates or weekly" })
export type CreateFromTemplate = z.infer<typeof CreateFromTemplate>

export const Register = z
  .object({
    name: text(200),
    email: z.string().trim().email().max(320),
    phone: z.string().trim().max(40).optional(),
    quantity: z.number().int().min(1).max(MAX_QUANTITY).optional(),
    lines: z
      .array(z.object({ category_id: z.string().min(1).max(40), quantity: z.number().int().min(1).max(MAX_QUANTITY) }).strict())
      .min(1)
      .max(10)
      .optional(),
    participants: z.array(z.object({ name: z.string().trim().max(200).optional() }).strict()).max(MAX_QUANTITY).optional(),
    answers: z.record(z.string().max(40), z.union([z.string().max(2000), z.boolean()])).optional(),
    note: z.string().trim().max(2000).optional(),
    locale: z.enum(LOCALES).optional(),
    /** Pay online now: the places are held while the customer pays through a Medusa cart. */
    pay_online: z.boolean().optional(),
  })
  .strict()
export type Register = z.infer<typeof Register>

/** The admin (phone) and the till may leave the e-mail out. */
export const RegisterByStaff = Register.extend({ email: z.string().trim().email().max(320).optional(), paid: z.boolean().optional(), method: z.string().trim().max(40).optional() }).strict()
export type RegisterByStaff = z.infer<typeof RegisterByStaff>

export const TokenBody = z.object({ token: z.string().min(1).max(200) }).strict()

export const SetPayment = z
  .object({ status: z.enum(["paid", "unpaid", "refunded"]), method: z.string().trim().min(1).max(40).optional() })
  .strict()

export const UpdateRegistration = z
  .object({ note: z.string().trim().max(2000).nullable().optional(), checked_in: z.boolean().optional() })
  .strict()

export const ListEvents = z
  .object({
    format: z.enum(["json", "html"]).optional(),
    locale: z.enum(LOCALES).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    venue_id: id.optional(),
  })
  .strict()

export const AdminListEvents = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    q: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    offset: z.coerce.number().int().min(0).max(100_000).optional(),
  })
  .strict()

export const ListRegistrations = z
  .object({ q: z.string().max(200).optional(), format: z.enum(["json", "csv", "pdf"]).optional(), locale: z.enum(LOCALES).optional() })
  .strict()
