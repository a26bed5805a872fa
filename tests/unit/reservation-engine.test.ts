/**
 * The availability engine as pure functions: slots of a day (Europe/Berlin DST
 * days to the minute, periods past midnight), overlap checks (a short booking
 * inside a longer one), time rules, pacing, ranking of tables and combinations,
 * and the bounded move search.
 */
import { describe, expect, it } from "vitest"

import {
  conflicts,
  dayAvailability,
  freeCandidates,
  indexBookings,
  instantOf,
  nearestAvailable,
  pacingOf,
  planWithMoves,
  rankCandidates,
  ruleMatches,
  ruleStates,
  slotsOfDay,
  turnMinutes,
} from "../../src/plugins/reservation/src/engine/availability"
import type { EngineBooking, EngineCombination, EngineRule, EngineTable, ReservationSettings } from "../../src/plugins/reservation/src/engine/types"

const BERLIN = "Europe/Berlin"

function settings(over: Partial<ReservationSettings> = {}): ReservationSettings {
  return {
    location_id: "loc_1",
    online: true,
    slot_minutes: 30,
    opening_hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: "18:00", close: "22:00" })),
    closed_dates: [],
    turn_minutes: 90,
    turn_minutes_by_party: [],
    buffer_minutes: 0,
    min_party: 1,
    max_party: 10,
    lead_minutes: 0,
    horizon_days: 60,
    pacing_covers: null,
    pacing_online_covers: null,
    cancel_cutoff_minutes: 120,
    no_show_limit: 3,
    no_show_months: 12,
    newsletter_consent_text: null,
    ...over,
  }
}

function table(id: string, min: number, max: number, over: Partial<EngineTable> = {}): EngineTable {
  return { id, area_id: "a1", name: id, min_seats: min, max_seats: max, active: true, online: true, priority: 0, area_priority: 0, ...over }
}

function booking(id: string, tables: string[], start: string, end: string, over: Partial<EngineBooking> = {}): EngineBooking {
  return { reservation_id: id, table_ids: tables, start_ms: Date.parse(start), end_ms: Date.parse(end), party_size: 2, online: true, movable: true, ...over }
}

const ALWAYS_OPEN = new Map<string, { closed: boolean; online_closed: boolean }>()
const statesFor = (tables: EngineTable[]) => ruleStates(tables, [], "2026-06-01", "18:00")

describe("slots of a day", () => {
  it("steps the opening period by the slot length and marks seatings that would end after closing", () => {
    const slots = slotsOfDay(settings(), BERLIN, "2026-06-01", 2)
    expect(slots.map((s) => s.time)).toEqual(["18:00", "18:30", "19:00", "19:30", "20:00", "20:30", "21:00", "21:30"])
    expect(slots[0].starts_at).toBe("2026-06-01T16:00:00.000Z")
    expect(slots.filter((s) => s.available).map((s) => s.time)).toEqual(["18:00", "18:30", "19:00", "19:30", "20:00", "20:30"])
    expect(slots.find((s) => s.time === "21:00")?.reason).toBe("ends_after_closing")
  })

  it("gives the spring-forward day (29 March 2026) no slot in the skipped hour, and the right instants after it", () => {
    const s = settings({ opening_hours: [{ weekday: 7, open: "00:00", close: "05:00" }], turn_minutes: 60 })
    const slots = slotsOfDay(s, BERLIN, "2026-03-29", 2)
    // 00:00 CET = 23:00Z; the clocks jump from 02:00 CET to 03:00 CEST (01:00Z): 4 real hours of opening.
    expect(slots.map((x) => [x.time, x.starts_at])).toEqual([
      ["00:00", "2026-03-28T23:00:00.000Z"],
      ["00:30", "2026-03-28T23:30:00.000Z"],
      ["01:00", "2026-03-29T00:00:00.000Z"],
      ["01:30", "2026-03-29T00:30:00.000Z"],
      ["03:00", "2026-03-29T01:00:00.000Z"],
      ["03:30", "2026-03-29T01:30:00.000Z"],
      ["04:00", "2026-03-29T02:00:00.000Z"],
      ["04:30", "2026-03-29T02:30:00.000Z"],
    ])
    expect(slots.some((x) => x.time.startsWith("02:"))).toBe(false)
  })

  it("gives the fall-back day (25 October 2026) the repeated hour twice, each at its own instant", () => {
    const s = settings({ opening_hours: [{ weekday: 7, open: "01:00", close: "04:00" }], turn_minutes: 30 })
    const slots = slotsOfDay(s, BERLIN, "2026-10-25", 2)
    expect(slots.map((x) => [x.time, x.starts_at])).toEqual([
      ["01:00", "2026-10-24T23:00:00.000Z"],
      ["01:30", "2026-10-24T23:30:00.000Z"],
      ["02:00", "2026-10-25T00:00:00.000Z"],
      ["02:30", "2026-10-25T00:30:00.000Z"],
      ["02:00", "2026-10-25T01:00:00.000Z"],
      ["02:30", "2026-10-25T01:30:00.000Z"],
      ["03:00", "2026-10-25T02:00:00.000Z"],
      ["03:30", "2026-10-25T02:30:00.000Z"],
    ])
  })

  it("keeps an evening on its DST day at the local wall-clock times (18:00 CEST the day after the change)", () => {
    const before = slotsOfDay(settings(), BERLIN, "2026-03-28", 2)[0]
    const after = slotsOfDay(settings(), BERLIN, "2026-03-29", 2)[0]
    expect(before.starts_at).toBe("2026-03-28T17:00:00.000Z")
    expect(after.starts_at).toBe("2026-03-29T16:00:00.000Z")
    expect(after.time).toBe("18:00")
  })

  it("keeps the slots after midnight on the business day the period opened", () => {
    const s = settings({ opening_hours: [{ weekday: 5, open: "22:00", close: "02:00" }], turn_minutes: 60 })
    const slots = slotsOfDay(s, BERLIN, "2026-06-05", 2)
    expect(slots.map((x) => x.time)).toEqual(["22:00", "22:30", "23:00", "23:30", "00:00", "00:30", "01:00", "01:30"])
    expect(slots.every((x) => x.date === "2026-06-05")).toBe(true)
    expect(slots.find((x) => x.time === "00:30")?.starts_at).toBe("2026-06-05T22:30:00.000Z")
  })

  it("has no slots on a closed date or a weekday without opening hours", () => {
    expect(slotsOfDay(settings({ closed_dates: ["2026-06-01"] }), BERLIN, "2026-06-01", 2)).toEqual([])
    expect(slotsOfDay(settings({ opening_hours: [{ weekday: 2, open: "12:00", close: "14:00" }] }), BERLIN, "2026-06-01", 2)).toEqual([])
  })

  it("uses the turn time of the party size", () => {
    const s = settings({ turn_minutes_by_party: [{ up_to: 2, minutes: 60 }, { up_to: 6, minutes: 120 }] })
    expect(turnMinutes(s, 2)).toBe(60)
    expect(turnMinutes(s, 5)).toBe(120)
    expect(turnMinutes(s, 9)).toBe(90)
  })
})

describe("overlaps", () => {
  const byTable = indexBookings([booking("long", ["t1"], "2026-06-01T16:00:00Z", "2026-06-01T19:00:00Z")])

  it("finds a short booking inside a longer one", () => {
    expect(conflicts(byTable, ["t1"], Date.parse("2026-06-01T17:00:00Z"), Date.parse("2026-06-01T17:30:00Z"))).toHaveLength(1)
  })

  it("finds a longer booking around a shorter one", () => {
    expect(conflicts(byTable, ["t1"], Date.parse("2026-06-01T15:00:00Z"), Date.parse("2026-06-01T20:00:00Z"))).toHaveLength(1)
  })

  it("lets a booking start when the other ends (half-open ranges)", () => {
    expect(conflicts(byTable, ["t1"], Date.parse("2026-06-01T19:00:00Z"), Date.parse("2026-06-01T20:00:00Z"))).toHaveLength(0)
  })

  it("sees a combination's booking on each of its tables", () => {
    const idx = indexBookings([booking("big", ["t1", "t2"], "2026-06-01T16:00:00Z", "2026-06-01T18:00:00Z")])
    expect(conflicts(idx, ["t2"], Date.parse("2026-06-01T17:00:00Z"), Date.parse("2026-06-01T18:00:00Z"))).toHaveLength(1)
  })
})

describe("time rules", () => {
  const rule = (over: Partial<EngineRule>): EngineRule => ({ id: "r", area_id: null, table_id: null, effect: "closed", weekdays: null, start_time: null, end_time: null, from_date: null, to_date: null, ...over })

  it("matches date ranges, weekdays and time windows (end exclusive, wrapping past midnight)", () => {
    expect(ruleMatches(rule({ from_date: "2026-05-01", to_date: "2026-09-30" }), "2026-06-01", "18:00")).toBe(true)
    expect(ruleMatches(rule({ from_date: "2026-05-01", to_date: "2026-09-30" }), "2026-10-01", "18:00")).toBe(false)
    expect(ruleMatches(rule({ weekdays: [1] }), "2026-06-01", "18:00")).toBe(true) // a Monday
    expect(ruleMatches(rule({ weekdays: [2] }), "2026-06-01", "18:00")).toBe(false)
    expect(ruleMatches(rule({ start_time: "20:00" }), "2026-06-01", "20:00")).toBe(true)
    expect(ruleMatches(rule({ start_time: "20:00" }), "2026-06-01", "19:30")).toBe(false)
    expect(ruleMatches(rule({ start_time: "22:00", end_time: "02:00" }), "2026-06-01", "01:00")).toBe(true)
    expect(ruleMatches(rule({ start_time: "22:00", end_time: "02:00" }), "2026-06-01", "03:00")).toBe(false)
  })

  it("closes a terrace outside summer (open_only), a table online (online_closed) and the bar after 20:00 (closed)", () => {
    const tables = [table("terrace1", 1, 4, { area_id: "terrace" }), table("t12", 1, 4), table("bar1", 1, 2, { area_id: "bar" })]
    const rules = [
      rule({ area_id: "terrace", effect: "open_only", from_date: "2026-05-01", to_date: "2026-09-30" }),
      rule({ table_id: "t12", effect: "online_closed" }),
      rule({ area_id: "bar", effect: "closed", start_time: "20:00" }),
    ]
    const summer = ruleStates(tables, rules, "2026-07-01", "19:00")
    expect(summer.get("terrace1")).toEqual({ closed: false, online_closed: false })
    expect(summer.get("t12")).toEqual({ closed: false, online_closed: true })
    expect(summer.get("bar1")).toEqual({ closed: false, online_closed: false })
    const winterLate = ruleStates(tables, rules, "2026-12-01", "20:30")
    expect(winterLate.get("terrace1")?.closed).toBe(true)
    expect(winterLate.get("bar1")?.closed).toBe(true)
  })
})

describe("assignment", () => {
  const tables = [table("t2a", 1, 2), table("t4", 2, 4), table("t2b", 1, 2), table("t2c", 1, 2), table("t6", 4, 6)]
  const combos: EngineCombination[] = [{ id: "c1", table_ids: ["t2b", "t2c"], min_seats: 3, max_seats: 4 }]

  it("picks the fewest empty seats, single tables before combinations, and keeps combinable tables free", () => {
    const ctx = { tables, combinations: combos, rules: [], bookings: [] }
    const two = freeCandidates(ctx, 2, 0, 1, statesFor(tables), "online")
    expect(two[0].table_ids).toEqual(["t2a"]) // t2b/t2c take part in a combination: kept free
    const four = freeCandidates(ctx, 4, 0, 1, statesFor(tables), "online")
    expect(four[0].table_ids).toEqual(["t4"]) // single table before the combination of the same size
    expect(four[1].table_ids).toEqual(["t2b", "t2c"])
  })

  it("gives a party the combination when no single table fits", () => {
    const onlyTwos = [table("a", 1, 2), table("b", 1, 2)]
    const ranked = rankCandidates(
      [
        { table_ids: ["a"], combination_id: null, min_seats: 1, max_seats: 2 },
        { table_ids: ["a", "b"], combination_id: "c", min_seats: 3, max_seats: 4 },
      ],
      onlyTwos,
      [{ id: "c", table_ids: ["a", "b"], min_seats: 3, max_seats: 4 }],
      4
    )
    expect(ranked.map((c) => c.combination_id)).toEqual(["c"])
  })

  it("prefers the area and table with the higher priority on a tie", () => {
    const ts = [table("x", 1, 2, { area_priority: 0 }), table("y", 1, 2, { area_priority: 5 })]
    const ctx = { tables: ts, combinations: [], rules: [], bookings: [] }
    expect(freeCandidates(ctx, 2, 0, 1, statesFor(ts), "online")[0].table_ids).toEqual(["y"])
  })

  it("moves a movable booking to another free table so a large party fits, keeping its time", () => {
    const ts = [table("small", 1, 2), table("big", 4, 6)]
    const existing = [booking("r1", ["big"], "2026-06-01T16:00:00Z", "2026-06-01T17:30:00Z", { party_size: 2 })]
    // party of 2 sits at "big"; a party of 5 needs it: r1 moves to "small"
    const ctx = { tables: ts, combinations: [], rules: [], bookings: existing }
    const start = Date.parse("2026-06-01T16:30:00Z")
    const end = Date.parse("2026-06-01T18:00:00Z")
    expect(freeCandidates(ctx, 5, start, end, statesFor(ts), "online")).toEqual([])
    const plan = planWithMoves(ctx, 5, start, end, statesFor(ts), "online", () => statesFor(ts))
    expect(plan?.candidate.table_ids).toEqual(["big"])
    expect(plan?.moves).toEqual([{ reservation_id: "r1", from_table_ids: ["big"], to_table_ids: ["small"] }])
  })

  it("never moves a pinned or seated booking", () => {
    const ts = [table("small", 1, 2), table("big", 4, 6)]
    const existing = [booking("r1", ["big"], "2026-06-01T16:00:00Z", "2026-06-01T17:30:00Z", { movable: false })]
    const ctx = { tables: ts, combinations: [], rules: [], bookings: existing }
    expect(planWithMoves(ctx, 5, Date.parse("2026-06-01T16:30:00Z"), Date.parse("2026-06-01T18:00:00Z"), statesFor(ts), "online", () => statesFor(ts))).toBeNull()
  })
})

describe("a day's availability", () => {
  const tables = [table("t1", 1, 4)]
  const q = (over: Partial<Parameters<typeof dayAvailability>[0]> = {}) => ({
    settings: settings(),
    time_zone: BERLIN,
    date: "2026-06-01",
    party: 2,
    channel: "online" as const,
    now_ms: Date.parse("2026-05-01T00:00:00Z"),
    ...over,
  })

  it("marks the slots whose seating (plus buffer) meets a booking as taken", () => {
    const bookings = [booking("r1", ["t1"], "2026-06-01T17:00:00Z", "2026-06-01T18:30:00Z")]
    const slots = dayAvailability(q({ settings: settings({ buffer_minutes: 15 }) }), { tables, combinations: [], rules: [], bookings })
    // 18:00 local = 16:00Z: its seating 16:00–17:30 (+15) meets r1 at 17:00Z; 20:30 local (18:30Z) is free again.
    expect(slots.filter((s) => s.available).map((s) => s.time)).toEqual(["20:30"])
  })

  it("refuses online slots inside the lead time and beyond the horizon", () => {
    const now = instantOf("2026-06-01", "18:10", BERLIN)
    const soon = dayAvailability(q({ now_ms: now, settings: settings({ lead_minutes: 60 }) }), { tables, combinations: [], rules: [], bookings: [] })
    expect(soon.find((s) => s.time === "19:00")?.available).toBe(false)
    expect(soon.find((s) => s.time === "19:30")?.available).toBe(true)
    const far = dayAvailability(q({ now_ms: Date.parse("2026-01-01T00:00:00Z"), settings: settings({ horizon_days: 30 }) }), { tables, combinations: [], rules: [], bookings: [] })
    expect(far.every((s) => !s.available && (s.reason === "too_far_ahead" || s.reason === "ends_after_closing"))).toBe(true)
  })

  it("applies pacing per slot, counting a booking on two tables once", () => {
    const start = "2026-06-01T16:00:00Z"
    const bookings = [booking("r1", ["t1", "t2"], start, "2026-06-01T17:30:00Z", { party_size: 4 })]
    const pacing = pacingOf(bookings, (b) => b.start_ms)
    expect(pacing.get(Date.parse(start))).toEqual({ total: 4, online: 4 })
    const ts = [table("t1", 1, 4), table("t2", 1, 4), table("t3", 1, 4)]
    const slots = dayAvailability(q({ settings: settings({ pacing_covers: 5 }), pacing }), { tables: ts, combinations: [], rules: [], bookings })
    expect(slots.find((s) => s.time === "18:00")?.reason).toBe("pacing")
    expect(slots.find((s) => s.time === "18:30")?.available).toBe(true)
  })

  it("offers the nearest other times", () => {
    const slots = dayAvailability(q(), { tables, combinations: [], rules: [], bookings: [booking("r1", ["t1"], "2026-06-01T17:00:00Z", "2026-06-01T17:30:00Z")] })
    const wished = instantOf("2026-06-01", "19:00", BERLIN)
    expect(nearestAvailable(slots, wished, 2).map((s) => s.time)).toEqual(["19:30", "20:00"])
  })

  it("treats an empty rule map as everything closed (no table known)", () => {
    expect(ALWAYS_OPEN.size).toBe(0)
    expect(freeCandidates({ tables, combinations: [], rules: [], bookings: [] }, 2, 0, 1, ALWAYS_OPEN, "online")).toEqual([])
  })
})
