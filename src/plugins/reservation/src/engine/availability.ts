import { DateTime } from "luxon"

import type {
  Candidate,
  Channel,
  EngineBooking,
  EngineCombination,
  EngineRule,
  EngineTable,
  Move,
  ReservationSettings,
  Slot,
} from "./types"

const MINUTE_MS = 60_000

/** Minutes of a seating for this party: the first `turn_minutes_by_party` entry that covers it, else `turn_minutes`. */
export function turnMinutes(settings: Pick<ReservationSettings, "turn_minutes" | "turn_minutes_by_party">, party: number): number {
  const rows = [...settings.turn_minutes_by_party].sort((a, b) => a.up_to - b.up_to)
  return rows.find((r) => party <= r.up_to)?.minutes ?? settings.turn_minutes
}

/** `HH:MM` → minutes since midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number)
  return h * 60 + m
}

/** The business date (`YYYY-MM-DD`) `days` after `date`. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: "UTC" }).plus({ days }).toISODate() as string
}

/** ISO weekday (1 = Monday … 7) of a calendar date. */
export function weekdayOf(date: string): number {
  return DateTime.fromISO(date, { zone: "UTC" }).weekday
}

/** The local calendar date of an instant in a zone. */
export function localDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISODate() as string
}

const timeFormats = new Map<string, Intl.DateTimeFormat>()

/** The local wall-clock time `HH:MM` of an instant in a zone (a cached Intl formatter: this runs once per slot). */
export function localTime(ms: number, zone: string): string {
  let f = timeFormats.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    timeFormats.set(zone, f)
  }
  return f.format(ms)
}

/**
 * The instant of a local date and time in a zone. A time that does not exist
 * (the hour skipped when clocks go forward) moves forward by the gap; a time that
 * exists twice (clocks go back) is its first occurrence.
 */
export function instantOf(date: string, hhmm: string, zone: string): number {
  return DateTime.fromISO(`${date}T${hhmm}`, { zone }).toMillis()
}

/** Whether a rule's date, weekday and time window cover a seating starting at local `time` of business date `date`. */
export function ruleMatches(rule: EngineRule, date: string, time: string): boolean {
  if (rule.from_date && date < rule.from_date) return false
  if (rule.to_date && date > rule.to_date) return false
  if (rule.weekdays && rule.weekdays.length && !rule.weekdays.includes(weekdayOf(date))) return false
  if (rule.start_time || rule.end_time) {
    const t = minutesOf(time)
    const from = rule.start_time ? minutesOf(rule.start_time) : 0
    const to = rule.end_time ? minutesOf(rule.end_time) : 24 * 60
    if (from < to ? t < from || t >= to : t < from && t >= to) return false
  }
  return true
}

export type TableRuleState = { closed: boolean; online_closed: boolean }

/**
 * What the time rules say about each table for a seating starting at local
 * `time` on business date `date`: a rule on an area covers its tables; `open_only`
 * rules close their target outside every one of their windows.
 */
export function ruleStates(tables: EngineTable[], rules: EngineRule[], date: string, time: string): Map<string, TableRuleState> {
  const states = new Map<string, TableRuleState>()
  for (const t of tables) {
    states.set(t.id, { closed: !t.active, online_closed: !t.online })
  }
  const openOnly = new Map<string, boolean>() // table id → some open_only rule matched
  for (const rule of rules) {
    const targets = tables.filter((t) => (rule.table_id ? t.id === rule.table_id : rule.area_id ? t.area_id === rule.area_id : true))
    const matches = ruleMatches(rule, date, time)
    for (const t of targets) {
      const s = states.get(t.id) as TableRuleState
      if (rule.effect === "open_only") {
        openOnly.set(t.id, (openOnly.get(t.id) ?? false) || matches)
      } else if (matches) {
        if (rule.effect === "closed") s.closed = true
        else s.online_closed = true
      }
    }
  }
  for (const [id, matched] of openOnly) {
    if (!matched) (states.get(id) as TableRuleState).closed = true
  }
  return states
}

/** Every single table and every combination, as places a party could sit. */
export function candidatesOf(tables: EngineTable[], combinations: EngineCombination[]): Candidate[] {
  const known = new Set(tables.map((t) => t.id))
  return [
    ...tables.map((t) => ({ table_ids: [t.id], combination_id: null, min_seats: t.min_seats, max_seats: t.max_seats })),
    ...combinations
      .filter((c) => c.table_ids.every((id) => known.has(id)))
      .map((c) => ({ table_ids: [...c.table_ids].sort(), combination_id: c.id, min_seats: c.min_seats, max_seats: c.max_seats })),
  ]
}

/** Bookings by table, for the overlap checks. */
export function indexBookings(bookings: EngineBooking[]): Map<string, EngineBooking[]> {
  const byTable = new Map<string, EngineBooking[]>()
  for (const b of bookings) {
    for (const id of b.table_ids) {
      const list = byTable.get(id)
      if (list) list.push(b)
      else byTable.set(id, [b])
    }
  }
  return byTable
}

/** The bookings that overlap `[start, end)` on any of the tables (half-open ranges: a booking inside another counts). */
export function conflicts(byTable: Map<string, EngineBooking[]>, tableIds: string[], start: number, end: number, ignore?: Set<string>): EngineBooking[] {
  const found = new Map<string, EngineBooking>()
  for (const id of tableIds) {
    for (const b of byTable.get(id) ?? []) {
      if (b.start_ms < end && start < b.end_ms && !ignore?.has(b.reservation_id)) {
        found.set(b.reservation_id, b)
      }
    }
  }
  return [...found.values()]
}

/** Whether none of the tables is held within `[start, end)` (the hot path of availability: no allocation). */
export function isFree(byTable: Map<string, EngineBooking[]>, tableIds: string[], start: number, end: number): boolean {
  for (const id of tableIds) {
    const list = byTable.get(id)
    if (!list) continue
    for (let i = 0; i < list.length; i++) {
      if (list[i].start_ms < end && start < list[i].end_ms) return false
    }
  }
  return true
}

export type PlanContext = {
  tables: EngineTable[]
  combinations: EngineCombination[]
  candidates?: Candidate[]
  rules: EngineRule[]
  bookings: EngineBooking[]
  byTable?: Map<string, EngineBooking[]>
}

/** One collator for table names (T2 before T10); `localeCompare` with options builds one per call. */
const NAMES = new Intl.Collator(undefined, { numeric: true })

type Ranked = { candidate: Candidate; key: number[]; name: string }

/**
 * Ranks the places that fit a party, best first: fewest empty seats, single
 * tables before combinations, fewest tables, tables that take part in few
 * combinations (scarce combinable tables stay free), then area and table priority.
 */
export function rankCandidates(candidates: Candidate[], tables: EngineTable[], combinations: EngineCombination[], party: number): Candidate[] {
  const byId = new Map(tables.map((t) => [t.id, t]))
  const inCombos = new Map<string, number>()
  for (const c of combinations) for (const id of c.table_ids) inCombos.set(id, (inCombos.get(id) ?? 0) + 1)
  const ranked: Ranked[] = candidates
    .filter((c) => party >= c.min_seats && party <= c.max_seats)
    .map((c) => {
      const ts = c.table_ids.map((id) => byId.get(id) as EngineTable)
      const scarcity = c.combination_id ? 0 : c.table_ids.reduce((n, id) => n + (inCombos.get(id) ?? 0), 0)
      return {
        candidate: c,
        key: [
          c.max_seats - party,
          c.combination_id ? 1 : 0,
          c.table_ids.length,
          scarcity,
          -Math.min(...ts.map((t) => t.area_priority)),
          -ts.reduce((n, t) => n + t.priority, 0),
        ],
        name: ts.map((t) => t.name).join("+"),
      }
    })
  ranked.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i]
    return NAMES.compare(a.name, b.name)
  })
  return ranked.map((r) => r.candidate)
}

/** Whether rules let this channel seat a party at these tables. */
export function allowed(candidate: Candidate, states: Map<string, TableRuleState>, channel: Channel): boolean {
  return candidate.table_ids.every((id) => {
    const s = states.get(id)
    return !!s && !s.closed && (channel === "staff" || !s.online_closed)
  })
}

/**
 * The free places for a party over `[start, end)` (seating plus buffer), best
 * first. `states` are the rule states at the seating's start.
 */
export function freeCandidates(
  ctx: PlanContext,
  party: number,
  start: number,
  end: number,
  states: Map<string, TableRuleState>,
  channel: Channel
): Candidate[] {
  const byTable = ctx.byTable ?? indexBookings(ctx.bookings)
  const all = ctx.candidates ?? candidatesOf(ctx.tables, ctx.combinations)
  return rankCandidates(all, ctx.tables, ctx.combinations, party).filter(
    (c) => allowed(c, states, channel) && conflicts(byTable, c.table_ids, start, end).length === 0
  )
}

/** Most bookings a move plan may shift, and most places it tries, so the search stays bounded. */
export const MAX_MOVED = 2
export const MAX_MOVE_TRIES = 200

/**
 * When nothing is free: a place whose blocking bookings can all be moved to
 * other free places (each keeps its time). Only movable bookings (not seated,
 * not pinned, not the guest's wish) move. Null when no such plan exists.
 */
export function planWithMoves(
  ctx: PlanContext,
  party: number,
  start: number,
  end: number,
  states: Map<string, TableRuleState>,
  channel: Channel,
  statesAt: (b: EngineBooking) => Map<string, TableRuleState>
): { candidate: Candidate; moves: Move[] } | null {
  const byTable = ctx.byTable ?? indexBookings(ctx.bookings)
  const all = ctx.candidates ?? candidatesOf(ctx.tables, ctx.combinations)
  let tries = 0
  for (const c of rankCandidates(all, ctx.tables, ctx.combinations, party)) {
    if (!allowed(c, states, channel)) continue
    const blocking = conflicts(byTable, c.table_ids, start, end)
    if (blocking.length === 0 || blocking.length > MAX_MOVED || blocking.some((b) => !b.movable)) continue
    if (++tries > MAX_MOVE_TRIES) return null
    const moving = new Set(blocking.map((b) => b.reservation_id))
    // The world without the blocking bookings, with the new party at c.
    const placed: EngineBooking[] = [{ reservation_id: "\u0000new", table_ids: c.table_ids, start_ms: start, end_ms: end, party_size: party, online: channel === "online", movable: false }]
    const moves: Move[] = []
    let ok = true
    for (const b of blocking) {
      const world = indexBookings([...ctx.bookings.filter((x) => !moving.has(x.reservation_id)), ...placed])
      const target = rankCandidates(all, ctx.tables, ctx.combinations, b.party_size).find(
        (t) => allowed(t, statesAt(b), "staff") && conflicts(world, t.table_ids, b.start_ms, b.end_ms).length === 0
      )
      if (!target) {
        ok = false
        break
      }
      placed.push({ ...b, table_ids: target.table_ids })
      moves.push({ reservation_id: b.reservation_id, from_table_ids: b.table_ids, to_table_ids: target.table_ids })
    }
    if (ok) return { candidate: c, moves }
  }
  return null
}

export type DayQuery = {
  settings: ReservationSettings
  time_zone: string
  date: string
  party: number
  channel: Channel
  now_ms: number
  /** Covers already starting per slot instant: all channels and online only. */
  pacing?: Map<number, { total: number; online: number }>
  /** The last bookable business date (today + horizon), when already known. */
  last_date?: string
}

/** The seating slots of a business date's opening periods (instants stepped by `slot_minutes`, so a DST day has the real number of slots). */
export function slotsOfDay(settings: ReservationSettings, zone: string, date: string, party: number): Slot[] {
  if (settings.closed_dates.includes(date)) return []
  const weekday = weekdayOf(date)
  const turn_ms = turnMinutes(settings, party) * MINUTE_MS
  const step_ms = settings.slot_minutes * MINUTE_MS
  const slots: Slot[] = []
  const periods = settings.opening_hours.filter((p) => p.weekday === weekday).sort((a, b) => minutesOf(a.open) - minutesOf(b.open))
  for (const p of periods) {
    const open = instantOf(date, p.open, zone)
    const close = minutesOf(p.close) > minutesOf(p.open) ? instantOf(date, p.close, zone) : instantOf(addDays(date, 1), p.close, zone)
    for (let t = open; t < close; t += step_ms) {
      const ends = t + turn_ms
      const slot: Slot = { time: localTime(t, zone), starts_at: new Date(t).toISOString(), start_ms: t, end_ms: ends, date, available: true }
      if (ends > close) {
        slot.available = false
        slot.reason = "ends_after_closing"
      }
      slots.push(slot)
    }
  }
  return slots
}

/** The refusal of a slot by the booking rules that do not depend on tables, or null. */
export function ruleRefusal(q: DayQuery, slot: Slot): string | null {
  const s = q.settings
  if (slot.reason) return slot.reason
  if (q.channel === "online") {
    if (!s.online) return "online_closed"
    if (q.party < s.min_party || q.party > s.max_party) return "party_size"
    if (slot.start_ms < q.now_ms + s.lead_minutes * MINUTE_MS) return "too_soon"
    if (slot.date > (q.last_date ?? addDays(localDate(q.now_ms, q.time_zone), s.horizon_days))) return "too_far_ahead"
  }
  const paced = q.pacing?.get(slot.start_ms)
  if (s.pacing_covers !== null && (paced?.total ?? 0) + q.party > s.pacing_covers && q.channel === "online") return "pacing"
  if (q.channel === "online" && s.pacing_online_covers !== null && (paced?.online ?? 0) + q.party > s.pacing_online_covers) return "pacing"
  return null
}

/** Covers starting per slot instant, each booking counted once (not once per table). */
export function pacingOf(bookings: EngineBooking[], slotStart: (b: EngineBooking) => number): Map<number, { total: number; online: number }> {
  const out = new Map<number, { total: number; online: number }>()
  const seen = new Set<string>()
  for (const b of bookings) {
    if (seen.has(b.reservation_id)) continue
    seen.add(b.reservation_id)
    const key = slotStart(b)
    const row = out.get(key) ?? { total: 0, online: 0 }
    row.total += b.party_size
    if (b.online) row.online += b.party_size
    out.set(key, row)
  }
  return out
}

/**
 * A business day's availability for one party size: every slot of the opening
 * periods, available when the rules allow it and a table or combination is free
 * from the start to the end of the seating plus the buffer.
 */
export function dayAvailability(q: DayQuery, ctx: PlanContext): Slot[] {
  const byTable = ctx.byTable ?? indexBookings(ctx.bookings)
  const candidates = ctx.candidates ?? candidatesOf(ctx.tables, ctx.combinations)
  const ranked = rankCandidates(candidates, ctx.tables, ctx.combinations, q.party)
  const buffer_ms = q.settings.buffer_minutes * MINUTE_MS
  const query = { ...q, last_date: q.last_date ?? addDays(localDate(q.now_ms, q.time_zone), q.settings.horizon_days) }
  // Without rules every slot has the same table states: compute them once.
  const fixed = ctx.rules.length === 0 ? ruleStates(ctx.tables, [], q.date, "00:00") : null
  const tableFree = new Map<string, boolean>()
  return slotsOfDay(q.settings, q.time_zone, q.date, q.party).map((slot) => {
    const refusal = ruleRefusal(query, slot)
    if (refusal) return { ...slot, available: false, reason: refusal }
    if (ranked.length === 0) return { ...slot, available: false, reason: "no_table" }
    const states = fixed ?? ruleStates(ctx.tables, ctx.rules, slot.date, slot.time)
    const end = slot.end_ms + buffer_ms
    tableFree.clear()
    let open = false
    for (const c of ranked) {
      if (!allowed(c, states, q.channel)) continue
      open = true
      let free = true
      for (const id of c.table_ids) {
        let f = tableFree.get(id)
        if (f === undefined) {
          f = isFree(byTable, [id], slot.start_ms, end)
          tableFree.set(id, f)
        }
        if (!f) {
          free = false
          break
        }
      }
      if (free) return slot
    }
    return { ...slot, available: false, reason: open ? "fully_booked" : "closed_by_rule" }
  })
}

/** The available slots nearest to a wished start, at most `n`, nearest first (earlier first on a tie). */
export function nearestAvailable(slots: Slot[], wished_ms: number, n = 4): Slot[] {
  return slots
    .filter((s) => s.available && s.start_ms !== wished_ms)
    .sort((a, b) => Math.abs(a.start_ms - wished_ms) - Math.abs(b.start_ms - wished_ms) || a.start_ms - b.start_ms)
    .slice(0, n)
}
