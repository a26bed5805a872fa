import { z } from "zod"

import { isoDay } from "@customer-modules/core"

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/
export const hhmm = z.string().regex(HHMM, "must be a local time HH:MM")
const id = z.string().trim().min(1).max(64)
const minutes = (max: number) => z.number().int().min(0).max(max)
const seats = z.number().int().min(1).max(200)

export const OpeningPeriodSchema = z
  .object({ weekday: z.number().int().min(1).max(7), open: hhmm, close: hhmm })
  .strict()
  .refine((p) => p.open !== p.close, { message: "open and close must differ (a close before the open ends after midnight)" })

export const SettingsBody = z
  .object({
    online: z.boolean(),
    slot_minutes: z.number().int().min(5).max(240),
    opening_hours: z.array(OpeningPeriodSchema).max(70),
    closed_dates: z.array(isoDay).max(1000).optional(),
    turn_minutes: z.number().int().min(15).max(24 * 60),
    turn_minutes_by_party: z.array(z.object({ up_to: seats, minutes: z.number().int().min(15).max(24 * 60) }).strict()).max(50).optional(),
    buffer_minutes: minutes(240),
    min_party: seats,
    max_party: seats,
    lead_minutes: minutes(60 * 24 * 30),
    horizon_days: z.number().int().min(0).max(730),
    pacing_covers: z.number().int().min(1).max(10_000).nullable().optional(),
    pacing_online_covers: z.number().int().min(1).max(10_000).nullable().optional(),
    cancel_cutoff_minutes: minutes(60 * 24 * 30).optional(),
    no_show_limit: z.number().int().min(1).max(100).optional(),
    no_show_months: z.number().int().min(1).max(120).optional(),
    newsletter_consent_text: z.string().trim().min(1).max(2000).nullable().optional(),
  })
  .strict()
  .refine((s) => s.max_party >= s.min_party, { message: "max_party must be at least min_party", path: ["max_party"] })

export const CreateArea = z
  .object({ location_id: id, name: z.string().trim().min(1).max(120), active: z.boolean().optional(), online: z.boolean().optional(), priority: z.number().int().min(-100).max(100).optional(), position: z.number().int().min(0).max(1000).optional() })
  .strict()
export const UpdateArea = CreateArea.omit({ location_id: true }).partial().strict()

const layout = {
  shape: z.enum(["rect", "square", "round"]).optional(),
  x: z.number().int().min(0).max(10_000).optional(),
  y: z.number().int().min(0).max(10_000).optional(),
  width: z.number().int().min(20).max(2000).optional(),
  height: z.number().int().min(20).max(2000).optional(),
  rotation: z.number().int().min(0).max(359).optional(),
}

export const CreateTable = z
  .object({
    area_id: id,
    name: z.string().trim().min(1).max(60),
    min_seats: seats,
    max_seats: seats,
    active: z.boolean().optional(),
    online: z.boolean().optional(),
    priority: z.number().int().min(-100).max(100).optional(),
    ...layout,
  })
  .strict()
  .refine((t) => t.max_seats >= t.min_seats, { message: "max_seats must be at least min_seats", path: ["max_seats"] })

export const UpdateTable = z
  .object({
    area_id: id.optional(),
    name: z.string().trim().min(1).max(60).optional(),
    min_seats: seats.optional(),
    max_seats: seats.optional(),
    active: z.boolean().optional(),
    online: z.boolean().optional(),
    priority: z.number().int().min(-100).max(100).optional(),
    ...layout,
  })
  .strict()

export const CreateCombination = z
  .object({ table_ids: z.array(id).min(2).max(12), min_seats: seats, max_seats: seats })
  .strict()
  .refine((c) => new Set(c.table_ids).size === c.table_ids.length, { message: "a table appears twice", path: ["table_ids"] })
  .refine((c) => c.max_seats >= c.min_seats, { message: "max_seats must be at least min_seats", path: ["max_seats"] })

export const CreateRule = z
  .object({
    location_id: id,
    area_id: id.optional(),
    table_id: id.optional(),
    effect: z.enum(["closed", "online_closed", "open_only"]),
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
    start_time: hhmm.optional(),
    end_time: hhmm.optional(),
    from_date: isoDay.optional(),
    to_date: isoDay.optional(),
    note: z.string().trim().max(200).optional(),
  })
  .strict()
  .refine((r) => !(r.area_id && r.table_id), { message: "name an area or a table, not both" })
  .refine((r) => !r.from_date || !r.to_date || r.from_date <= r.to_date, { message: "from_date must not be after to_date", path: ["to_date"] })

const name = z.string().trim().min(1).max(120)
const email = z.string().trim().max(254).email()
const phone = z.string().trim().min(3).max(40).regex(/^[+0-9 ()/.-]+$/, "must be a phone number")
const note = z.string().trim().max(1000)
const startsAt = z.string().datetime({ offset: true, message: "must be an ISO 8601 instant with its offset" })
const party = z.number().int().min(1).max(200)
const locale = z.enum(["de", "en", "pt"])

export const AvailabilityQuery = z
  .object({ location_id: id, date: isoDay, party_size: z.coerce.number().int().min(1).max(200), locale: locale.optional() })
  .strict()

export const PublicBooking = z
  .object({
    location_id: id,
    starts_at: startsAt,
    party_size: party,
    name,
    email,
    phone: phone.optional(),
    note: note.optional(),
    newsletter: z.boolean().optional(),
    locale: locale.optional(),
    /** Time trap: milliseconds since the booking page loaded; a bot that posts at once is refused. */
    form_ms: z.number().int().min(0).max(7 * 24 * 3600_000).optional(),
    /** Honeypot: a field people never see; must stay empty. */
    website: z.string().max(200).optional(),
  })
  .strict()

export const StaffBooking = z
  .object({
    location_id: id,
    starts_at: startsAt,
    party_size: party,
    name,
    phone: phone.optional(),
    email: email.optional(),
    note: note.optional(),
    table_ids: z.array(id).min(1).max(12).optional(),
    locale: locale.optional(),
    walk_in: z.boolean().optional(),
    pinned: z.boolean().optional(),
    guest_requested: z.boolean().optional(),
    allow_moves: z.boolean().optional(),
  })
  .strict()

export const WalkIn = z
  .object({ location_id: id, party_size: party, name: name.optional(), table_ids: z.array(id).min(1).max(12).optional(), note: note.optional() })
  .strict()

export const StatusBody = z.object({ status: z.enum(["seated", "finished", "no_show", "cancelled"]) }).strict()

export const AssignBody = z.object({ table_ids: z.array(id).min(1).max(12), pinned: z.boolean().optional() }).strict()

export const ListQuery = z
  .object({
    location_id: id,
    date: isoDay,
    status: z.enum(["confirmed", "seated", "finished", "cancelled", "no_show"]).optional(),
    area_id: id.optional(),
    q: z.string().trim().max(120).optional(),
  })
  .strict()

export const CancelBody = z.object({ token: z.string().min(10).max(200) }).strict()

export const UnblockBody = z.object({ email: email.optional(), phone: phone.optional() }).strict().refine((b) => b.email || b.phone, { message: "send email or phone" })

export const LocationQuery = z.object({ location_id: id }).strict()

export const MonthQuery = z.object({ location_id: id, month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM") }).strict()
export const DayQuery = z.object({ location_id: id, date: isoDay }).strict()

/** The live floor plan: the tables' state at `at` (an instant; default now). */
export const PlanQuery = z.object({ at: startsAt.optional() }).strict()
