/** The plain data the availability engine works on: no database, no clock of its own. */

export type OpeningPeriod = { weekday: number; open: string; close: string }

export type TurnByParty = { up_to: number; minutes: number }

export type ReservationSettings = {
  location_id: string
  online: boolean
  slot_minutes: number
  opening_hours: OpeningPeriod[]
  closed_dates: string[]
  turn_minutes: number
  turn_minutes_by_party: TurnByParty[]
  buffer_minutes: number
  min_party: number
  max_party: number
  lead_minutes: number
  horizon_days: number
  /** At most this many covers starting in one slot, all channels; null: no limit. */
  pacing_covers: number | null
  /** At most this many online covers starting in one slot; null: no limit. */
  pacing_online_covers: number | null
  /** A guest may cancel through the mail's link until this many minutes before the start. */
  cancel_cutoff_minutes: number
  /** A guest with this many no-shows within `no_show_months` is refused online. */
  no_show_limit: number
  no_show_months: number
  /** Shown beside the newsletter box of the booking page, and recorded with the consent. */
  newsletter_consent_text: string | null
}

export type TableShape = "rect" | "round" | "square"

export type EngineTable = {
  id: string
  area_id: string
  name: string
  min_seats: number
  max_seats: number
  /** Bookable at all (the table's and its area's switch). */
  active: boolean
  /** Bookable online (the table's and its area's switch). */
  online: boolean
  /** Higher first. */
  priority: number
  area_priority: number
}

export type EngineCombination = {
  id: string
  table_ids: string[]
  min_seats: number
  max_seats: number
}

export type RuleEffect = "closed" | "online_closed" | "open_only"

export type EngineRule = {
  id: string
  area_id: string | null
  table_id: string | null
  effect: RuleEffect
  /** ISO weekdays 1 = Monday … 7; null: every day. */
  weekdays: number[] | null
  /** Local start time window `HH:MM` (end exclusive; an end before the start wraps past midnight); null: all day. */
  start_time: string | null
  end_time: string | null
  /** Local business dates, both inclusive; null: open-ended. */
  from_date: string | null
  to_date: string | null
}

/** A booking holding tables: `[start_ms, end_ms)` is the seating plus the buffer. */
export type EngineBooking = {
  reservation_id: string
  table_ids: string[]
  start_ms: number
  end_ms: number
  party_size: number
  online: boolean
  /** Seated, pinned by staff or the guest's own wish: never moved by the engine. */
  movable: boolean
}

export type Channel = "online" | "staff"

/** One place a party can sit: a single table or a combination. */
export type Candidate = {
  table_ids: string[]
  combination_id: string | null
  min_seats: number
  max_seats: number
}

export type Slot = {
  /** Local time `HH:MM` in the location's zone. */
  time: string
  starts_at: string
  start_ms: number
  /** End of the seating (without the buffer). */
  end_ms: number
  /** The business date this slot belongs to (a slot after midnight belongs to the evening before). */
  date: string
  available: boolean
  /** Why not, when not available. */
  reason?: string
}

export type Move = { reservation_id: string; from_table_ids: string[]; to_table_ids: string[] }
