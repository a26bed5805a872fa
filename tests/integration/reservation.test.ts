/**
 * Table reservations over HTTP against the running server: settings and floor
 * plan, availability (also on the DST days of Europe/Berlin), online bookings
 * under concurrency (the database refuses any double booking), combinations,
 * moves, the rules that refuse with 422, the cancel link, no-shows and the
 * blacklist, the day list, occupancy and CSV.
 */
import { createHmac, randomUUID } from "crypto"

import { DateTime } from "luxon"
import { describe, expect, it } from "vitest"

import { adminApi, api } from "../support/api"
import { signUp } from "../support/customers"
import { eventually } from "../support/eventually"
import { mailsTo, uniqueAddress, waitForMail } from "../support/mail"
import { clientIp, createLocation, createTerminal, posApi } from "../support/pos"
import { TEST_SECRETS } from "../support/server"

const ZONE = "Europe/Berlin"
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7]

type Slot = { time: string; starts_at: string; available: boolean }
type Reservation = { id: string; status: string; starts_at: string; ends_at: string; party_size: number; table_ids: string[] }

/** A local date `days` from today in Berlin. */
function day(days: number): string {
  return DateTime.now().setZone(ZONE).plus({ days }).toISODate() as string
}

/** The instant of a local date and time in Berlin, ISO with its offset. */
function at(date: string, time: string): string {
  return DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toISO() as string
}

function baseSettings(over: Record<string, unknown> = {}) {
  return {
    online: true,
    slot_minutes: 30,
    opening_hours: EVERY_DAY.map((weekday) => ({ weekday, open: "17:00", close: "23:00" })),
    closed_dates: [],
    turn_minutes: 120,
    buffer_minutes: 0,
    min_party: 1,
    max_party: 8,
    lead_minutes: 60,
    horizon_days: 90,
    ...over,
  }
}

type Setup = { location_id: string; area_id: string; tables: Record<string, string> }

/** A location with its settings, one area and the given tables (name → [min, max]). */
async function venue(tables: Record<string, [number, number]>, settings: Record<string, unknown> = {}): Promise<Setup> {
  const location = await createLocation({ time_zone: ZONE })
  const put = await adminApi(`/admin/reservations/locations/${location.id}/settings`, { method: "PUT", body: baseSettings(settings) })
  expect(put.status, put.text).toBe(200)
  const area = await adminApi("/admin/reservations/areas", { body: { location_id: location.id, name: "Main room" } })
  expect(area.status, area.text).toBe(201)
  const ids: Record<string, string> = {}
  for (const [name, [min, max]] of Object.entries(tables)) {
    const t = await adminApi("/admin/reservations/tables", { body: { area_id: area.body.area.id, name, min_seats: min, max_seats: max } })
    expect(t.status, t.text).toBe(201)
    ids[name] = t.body.table.id
  }
  return { location_id: location.id, area_id: area.body.area.id, tables: ids }
}

function book(body: Record<string, unknown>, ip = clientIp()) {
  return api<{ reservation: Reservation; type?: string; alternatives?: { time: string }[] }>("/store/reservations", {
    body: { name: "Guest", email: `guest-${randomUUID().slice(0, 8)}@example.com`, ...body },
    headers: { "x-forwarded-for": ip },
  })
}

function staffBook(body: Record<string, unknown>) {
  return adminApi<{ reservation: Reservation & { pinned: boolean }; moves: unknown[]; warnings: string[] }>("/admin/reservations", { body: { name: "Phone guest", ...body } })
}

async function availability(location_id: string, date: string, party_size: number): Promise<{ date: string; time_zone: string; slots: Slot[] }> {
  const res = await api(`/store/reservations/availability?location_id=${location_id}&date=${date}&party_size=${party_size}`, { headers: { "x-forwarded-for": clientIp() } })
  expect(res.status, res.text).toBe(200)
  return res.body
}

const cancelToken = (id: string) => createHmac("sha256", `reservation-cancel:${TEST_SECRETS.JWT_SECRET}`).update(id).digest("base64url")

describe("settings and floor plan", () => {
  it("answers the settings it saved and refuses bad ones with 400, writing nothing", async () => {
    const location = await createLocation({ time_zone: ZONE })
    const bad = await adminApi(`/admin/reservations/locations/${location.id}/settings`, { method: "PUT", body: baseSettings({ slot_minutes: 0 }) })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ type: "invalid_request" })
    expect((await adminApi(`/admin/reservations/locations/${location.id}/settings`)).status).toBe(404)
    const ok = await adminApi(`/admin/reservations/locations/${location.id}/settings`, { method: "PUT", body: baseSettings({ closed_dates: ["2030-12-24"] }) })
    expect(ok.status, ok.text).toBe(200)
    expect(ok.body.settings).toMatchObject({ slot_minutes: 30, closed_dates: ["2030-12-24"], turn_minutes: 120 })
  })

  it("gives a moved, resized and rotated table back exactly", async () => {
    const v = await venue({ T1: [1, 4] })
    const moved = await adminApi(`/admin/reservations/tables/${v.tables.T1}`, { body: { x: 123, y: 456, width: 90, height: 60, rotation: 45, shape: "round" } })
    expect(moved.status, moved.text).toBe(200)
    const plan = await adminApi(`/admin/reservations/locations/${v.location_id}/plan`)
    expect(plan.body.plan.tables[0]).toMatchObject({ id: v.tables.T1, x: 123, y: 456, width: 90, height: 60, rotation: 45, shape: "round", state: "free" })
  })
})

describe("availability", () => {
  it("lists every slot of the day's opening hours with the zone, and a slot is taken for the whole seating", async () => {
    const v = await venue({ T1: [1, 4] })
    const date = day(5)
    const booked = await book({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 2 })
    expect(booked.status, booked.text).toBe(201)
    const a = await availability(v.location_id, date, 2)
    expect(a.time_zone).toBe(ZONE)
    expect(a.slots[0]).toMatchObject({ time: "17:00", starts_at: new Date(at(date, "17:00")).toISOString() })
    const free = a.slots.filter((s) => s.available).map((s) => s.time)
    // seatings of 2 h: 17:00 ends at 19:00 (free); 17:30 … 20:30 meet 19:00–21:00; 21:00 ends at closing
    expect(free).toEqual(["17:00", "21:00"])
  })

  it("is right to the minute on the daylight-saving days of Europe/Berlin", async () => {
    const v = await venue({ T1: [1, 4] }, { opening_hours: [{ weekday: 7, open: "00:00", close: "05:00" }], turn_minutes: 60, horizon_days: 730, lead_minutes: 0 })
    const spring = await availability(v.location_id, "2027-03-28", 2)
    expect(spring.slots.map((s) => `${s.time}=${s.starts_at}`)).toEqual([
      "00:00=2027-03-27T23:00:00.000Z",
      "00:30=2027-03-27T23:30:00.000Z",
      "01:00=2027-03-28T00:00:00.000Z",
      "01:30=2027-03-28T00:30:00.000Z",
      "03:00=2027-03-28T01:00:00.000Z",
      "03:30=2027-03-28T01:30:00.000Z",
      "04:00=2027-03-28T02:00:00.000Z",
      "04:30=2027-03-28T02:30:00.000Z",
    ])
    expect(spring.slots.map((s) => s.available)).toEqual([true, true, true, true, true, true, true, false])
    const autumn = await availability(v.location_id, "2027-10-31", 2)
    expect(autumn.slots.map((s) => `${s.time}=${s.starts_at}`)).toEqual([
      "00:00=2027-10-30T22:00:00.000Z",
      "00:30=2027-10-30T22:30:00.000Z",
      "01:00=2027-10-30T23:00:00.000Z",
      "01:30=2027-10-30T23:30:00.000Z",
      "02:00=2027-10-31T00:00:00.000Z",
      "02:30=2027-10-31T00:30:00.000Z",
      "02:00=2027-10-31T01:00:00.000Z",
      "02:30=2027-10-31T01:30:00.000Z",
      "03:00=2027-10-31T02:00:00.000Z",
      "03:30=2027-10-31T02:30:00.000Z",
      "04:00=2027-10-31T03:00:00.000Z",
      "04:30=2027-10-31T03:30:00.000Z",
    ])
    // a booking at the second 02:00 (CET) holds 01:00Z–02:00Z and leaves the first 02:00 (CEST) free
    const second = await book({ location_id: v.location_id, starts_at: "2027-10-31T02:00:00+01:00", party_size: 2 })
    expect(second.status, second.text).toBe(201)
    const after = await availability(v.location_id, "2027-10-31", 2)
    expect(after.slots.filter((s) => !s.available).map((s) => s.starts_at)).toEqual([
      "2027-10-31T00:30:00.000Z",
      "2027-10-31T01:00:00.000Z",
      "2027-10-31T01:30:00.000Z",
      "2027-10-31T03:30:00.000Z",
    ])
  })

  it("refuses bad queries with 400", async () => {
    const res = await api("/store/reservations/availability?location_id=x&date=2026-02-31&party_size=2")
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ type: "invalid_request" })
  })
})

describe("online booking", () => {
  it("gives exactly two confirmations and 18 × 409 for 20 concurrent bookings of the last two tables", async () => {
    const v = await venue({ A: [1, 4], B: [1, 4] })
    const starts_at = at(day(7), "19:00")
    const answers = await Promise.all(Array.from({ length: 20 }, () => book({ location_id: v.location_id, starts_at, party_size: 2 })))
    const statuses = answers.map((a) => a.status).sort()
    expect(statuses.filter((s) => s === 201)).toHaveLength(2)
    expect(statuses.filter((s) => s === 409)).toHaveLength(18)
    const won = answers.filter((a) => a.status === 201).map((a) => a.body.reservation.table_ids[0]).sort()
    expect(won).toEqual([v.tables.A, v.tables.B].sort())
    expect(answers.find((a) => a.status === 409)?.body).toMatchObject({ type: "slot_unavailable" })
    const list = await adminApi(`/admin/reservations?location_id=${v.location_id}&date=${day(7)}`)
    expect(list.body.reservations).toHaveLength(2)
  })

  it("answers the booking's fields and refuses a booking inside another's seating", async () => {
    const v = await venue({ T1: [1, 6] }, { turn_minutes_by_party: [{ up_to: 2, minutes: 60 }] })
    const date = day(6)
    const long = await book({ location_id: v.location_id, starts_at: at(date, "18:00"), party_size: 5 })
    expect(long.status, long.text).toBe(201)
    expect(long.body.reservation).toMatchObject({ status: "confirmed", party_size: 5, table_ids: [v.tables.T1], starts_at: new Date(at(date, "18:00")).toISOString(), ends_at: new Date(at(date, "20:00")).toISOString() })
    // 19:00–20:00 lies inside 18:00–20:00
    const inside = await book({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 2 })
    expect(inside.status).toBe(409)
    expect(inside.body.type).toBe("slot_unavailable")
    expect(inside.body.alternatives?.map((x) => x.time)).toContain("20:00")
    const byHand = await staffBook({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 2, table_ids: [v.tables.T1] })
    expect(byHand.status).toBe(409)
    expect(byHand.body).toMatchObject({ type: "table_taken" })
  })

  it("seats a large party at a combination, whose tables are then taken", async () => {
    const v = await venue({ L: [1, 2], R: [1, 2] })
    const combo = await adminApi("/admin/reservations/combinations", { body: { table_ids: [v.tables.L, v.tables.R], min_seats: 3, max_seats: 4 } })
    expect(combo.status, combo.text).toBe(201)
    const starts_at = at(day(8), "19:00")
    const big = await book({ location_id: v.location_id, starts_at, party_size: 4 })
    expect(big.status, big.text).toBe(201)
    expect(big.body.reservation.table_ids.sort()).toEqual([v.tables.L, v.tables.R].sort())
    const small = await book({ location_id: v.location_id, starts_at: at(day(8), "20:00"), party_size: 2 })
    expect(small.status).toBe(409)
  })

  it("moves a booking that is not pinned to make room, and the moved booking keeps its time", async () => {
    const v = await venue({ Small: [1, 2], Big: [2, 6] })
    const date = day(9)
    const first = await staffBook({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 2, table_ids: [v.tables.Big], pinned: false })
    expect(first.status, first.text).toBe(201)
    expect(first.body.reservation.pinned).toBe(false)
    const big = await book({ location_id: v.location_id, starts_at: at(date, "19:30"), party_size: 5 })
    expect(big.status, big.text).toBe(201)
    expect(big.body.reservation.table_ids).toEqual([v.tables.Big])
    const list = await adminApi(`/admin/reservations?location_id=${v.location_id}&date=${date}`)
    const moved = list.body.reservations.find((r: Reservation) => r.id === first.body.reservation.id)
    expect(moved).toMatchObject({ table_ids: [v.tables.Small], starts_at: first.body.reservation.starts_at, ends_at: first.body.reservation.ends_at })
    // staff see what moved: the day list names the table it came from
    expect(moved.moved_from_table_ids).toEqual([v.tables.Big])
    expect(Date.parse(moved.moved_at)).not.toBeNaN()
    const placed = list.body.reservations.find((r: Reservation) => r.id === big.body.reservation.id)
    expect(placed.moved_from_table_ids).toEqual([])
  })

  it("never moves a pinned booking", async () => {
    const v = await venue({ Small: [1, 2], Big: [2, 6] })
    const date = day(9)
    const pinned = await staffBook({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 2, table_ids: [v.tables.Big] })
    expect(pinned.body.reservation.pinned).toBe(true)
    const big = await book({ location_id: v.location_id, starts_at: at(date, "19:30"), party_size: 5 })
    expect(big.status).toBe(409)
  })

  it("refuses with 422 what a rule forbids: lead time, horizon, closed date, party size, off-grid time, closing, rules and pacing", async () => {
    const closed = day(12)
    const v = await venue({ T1: [1, 4], T2: [1, 4], T3: [1, 4] }, { lead_minutes: 3 * 24 * 60, horizon_days: 30, closed_dates: [closed], pacing_online_covers: 4 })
    const expect422 = async (body: Record<string, unknown>, type: string) => {
      const res = await book({ location_id: v.location_id, party_size: 2, ...body })
      expect(res.status, res.text).toBe(422)
      expect(res.body.type).toBe(type)
    }
    await expect422({ starts_at: at(day(1), "19:00") }, "too_soon")
    await expect422({ starts_at: at(day(40), "19:00") }, "too_far_ahead")
    await expect422({ starts_at: at(closed, "19:00") }, "closed")
    await expect422({ starts_at: at(day(10), "12:00") }, "closed")
    await expect422({ starts_at: at(day(10), "19:10") }, "off_grid")
    await expect422({ starts_at: at(day(10), "22:00") }, "ends_after_closing")
    await expect422({ starts_at: at(day(10), "19:00"), party_size: 9 }, "party_size")
    // pacing: 4 online covers may start per slot
    expect((await book({ location_id: v.location_id, starts_at: at(day(11), "19:00"), party_size: 2 })).status).toBe(201)
    expect((await book({ location_id: v.location_id, starts_at: at(day(11), "19:00"), party_size: 2 })).status).toBe(201)
    await expect422({ starts_at: at(day(11), "19:00") }, "pacing")
    // a rule: the whole room closed on that weekday after 20:00
    const weekday = DateTime.fromISO(day(13)).weekday
    const rule = await adminApi("/admin/reservations/rules", { body: { location_id: v.location_id, area_id: v.area_id, effect: "closed", weekdays: [weekday], start_time: "20:00" } })
    expect(rule.status, rule.text).toBe(201)
    await expect422({ starts_at: at(day(13), "20:00") }, "closed_by_rule")
    expect((await book({ location_id: v.location_id, starts_at: at(day(13), "19:30"), party_size: 2 })).status).toBe(201)
    // staff may still book outside the online rules, with a warning
    const phone = await staffBook({ location_id: v.location_id, starts_at: at(day(1), "19:00"), party_size: 2 })
    expect(phone.status, phone.text).toBe(201)
    expect(phone.body.warnings).toContain("too_soon")
  })

  it("keeps a table that is never online for staff", async () => {
    const v = await venue({ T12: [1, 4] })
    await adminApi("/admin/reservations/rules", { body: { location_id: v.location_id, table_id: v.tables.T12, effect: "online_closed" } })
    const date = day(5)
    expect((await availability(v.location_id, date, 2)).slots.every((s) => !s.available)).toBe(true)
    expect((await book({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 2 })).status).toBe(422)
    expect((await staffBook({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 2 })).status).toBe(201)
  })

  it("refuses bad input with 400 and a filled honeypot, writing nothing", async () => {
    const v = await venue({ T1: [1, 4] })
    const date = day(5)
    const bad = await book({ location_id: v.location_id, starts_at: "tomorrow", party_size: 2 })
    expect(bad.status).toBe(400)
    const unknown = await book({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 2, admin: true })
    expect(unknown.status).toBe(400)
    const bot = await book({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 2, website: "http://spam.example" })
    expect(bot.status).toBe(400)
    const quick = await book({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 2, form_ms: 200 })
    expect(quick.status).toBe(400)
    const list = await adminApi(`/admin/reservations?location_id=${v.location_id}&date=${date}`)
    expect(list.body.reservations).toEqual([])
  })

  it("answers 429 with Retry-After past the per-IP limit", async () => {
    const ip = clientIp()
    let last = 0
    let retryAfter: string | null = null
    for (let i = 0; i < 31 && last !== 429; i++) {
      const res = await api(`/store/reservations/resv_unknown/cancel`, { body: { token: "x".repeat(20) }, headers: { "x-forwarded-for": ip } })
      last = res.status
      retryAfter = res.headers.get("retry-after")
    }
    expect(last).toBe(429)
    expect(Number(retryAfter)).toBeGreaterThan(0)
  })
})

describe("mails", () => {
  it("sends the confirmation with its .ics to a real SMTP server in the guest's language, and its cancel link asks before it cancels", async () => {
    const v = await venue({ T1: [1, 4] })
    const email = uniqueAddress("reservation")
    const date = day(6)
    const booked = await book({ location_id: v.location_id, starts_at: at(date, "19:30"), party_size: 3, email, name: "Ana", locale: "en" })
    expect(booked.status, booked.text).toBe(201)
    const mail = await waitForMail((m) => m.to === email && /reservation/i.test(m.subject))
    expect(mail.subject).toMatch(/^Your reservation at /)
    expect(mail.text).toContain("3")
    const ics = mail.attachments.find((a) => a.filename === "reservation.ics")
    expect(ics?.contentType).toBe("text/calendar")
    const calendar = ics!.content.toString("utf-8")
    const utc = DateTime.fromISO(`${date}T19:30`, { zone: ZONE }).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")
    expect(calendar).toContain("BEGIN:VEVENT")
    expect(calendar).toContain(`DTSTART:${utc}`)
    const link = /https?:\/\/[^\s"<>]+\/embed\/booking\/cancel\?[^\s"<>]+/.exec(mail.html.replace(/&amp;/g, "&"))?.[0]
    expect(link).toBeDefined()
    const url = new URL(link!)
    // opening the link asks and changes nothing
    const ask = await api(`${url.pathname}${url.search}`)
    expect(ask.status).toBe(200)
    expect(ask.text).toContain("rc-form")
    expect((await adminApi(`/admin/reservations?location_id=${v.location_id}&date=${date}`)).body.reservations[0].status).toBe("confirmed")
    const id = url.searchParams.get("id") as string
    const done = await api(`/store/reservations/${id}/cancel`, { body: { token: url.searchParams.get("token") }, headers: { "x-forwarded-for": clientIp() } })
    expect(done.status, done.text).toBe(200)
    const cancelled = await waitForMail((m) => m.to === email && /cancelled/i.test(m.subject))
    expect(cancelled.subject).toMatch(/^Reservation cancelled/)
  })
})

describe("reminders", () => {
  it("reminds the guest the day before, once, and not a cancelled booking", async () => {
    const v = await venue({ A: [1, 4], B: [1, 4] })
    const email = uniqueAddress("reminder")
    const gone = uniqueAddress("reminder-cancelled")
    const date = day(8)
    const kept = await book({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 2, email, name: "Rui", locale: "pt" })
    const dropped = await book({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 2, email: gone })
    expect([kept.status, dropped.status]).toEqual([201, 201])
    await adminApi(`/admin/reservations/${dropped.body.reservation.id}/status`, { body: { status: "cancelled" } })
    const now = DateTime.fromISO(`${date}T10:00`, { zone: ZONE }).minus({ days: 1 }).toUTC().toISO()
    for (let i = 0; i < 2; i++) {
      const run = await adminApi("/admin/jobs/schedules/reservation.reminders/run", { body: { now } })
      expect(run.status, run.text).toBe(200)
    }
    const reminder = await waitForMail((m) => m.to === email && /^Lembrete/.test(m.subject))
    expect(reminder.subject).toContain("amanhã")
    expect((await mailsTo(email)).filter((m) => /^Lembrete/.test(m.subject))).toHaveLength(1)
    expect((await mailsTo(gone)).filter((m) => /Reminder|Erinnerung|Lembrete/.test(m.subject))).toHaveLength(0)
  })
})

describe("cancel link, statuses, no-shows and the blacklist", () => {
  it("cancels once with the signed token, refuses a forged one with 403, and frees the table", async () => {
    const v = await venue({ T1: [1, 4] })
    const starts_at = at(day(5), "19:00")
    const booked = await book({ location_id: v.location_id, starts_at, party_size: 2 })
    const id = booked.body.reservation.id
    const forged = await api(`/store/reservations/${id}/cancel`, { body: { token: cancelToken(`${id}x`) }, headers: { "x-forwarded-for": clientIp() } })
    expect(forged.status).toBe(403)
    expect(forged.body).toMatchObject({ type: "invalid_token" })
    const ok = await api(`/store/reservations/${id}/cancel`, { body: { token: cancelToken(id) }, headers: { "x-forwarded-for": clientIp() } })
    expect(ok.status, ok.text).toBe(200)
    expect(ok.body.reservation).toMatchObject({ id, status: "cancelled" })
    const again = await api(`/store/reservations/${id}/cancel`, { body: { token: cancelToken(id) }, headers: { "x-forwarded-for": clientIp() } })
    expect(again.status).toBe(409)
    expect((await book({ location_id: v.location_id, starts_at, party_size: 2 })).status).toBe(201)
  })

  it("refuses the guest with three no-shows online with a neutral message, until staff lift the block", async () => {
    const v = await venue({ T1: [1, 4] })
    const email = `noshow-${randomUUID().slice(0, 8)}@example.com`
    for (let i = 0; i < 3; i++) {
      const r = await staffBook({ location_id: v.location_id, starts_at: at(day(20 + i), "19:00"), party_size: 2, email: i === 1 ? email.toUpperCase() : email, phone: "+49 171 1234567" })
      expect(r.status, r.text).toBe(201)
      const s = await adminApi(`/admin/reservations/${r.body.reservation.id}/status`, { body: { status: "no_show" } })
      expect(s.status, s.text).toBe(200)
    }
    const refused = await book({ location_id: v.location_id, starts_at: at(day(5), "19:00"), party_size: 2, email })
    expect(refused.status).toBe(422)
    expect(refused.body).toMatchObject({ type: "guest_refused" })
    expect(JSON.stringify(refused.body)).not.toMatch(/no.?show/i)
    // the same guest by phone (written another way) is refused too
    const byPhone = await book({ location_id: v.location_id, starts_at: at(day(5), "19:00"), party_size: 2, phone: "0171 1234567" })
    expect(byPhone.status).toBe(422)
    const list = await adminApi(`/admin/reservations?location_id=${v.location_id}&date=${day(20)}`)
    expect(list.body.reservations[0].no_shows).toBe(2)
    const lift = await adminApi("/admin/reservations/guests/unblock", { body: { email, phone: "+49 171 1234567" } })
    expect(lift.status, lift.text).toBe(200)
    expect((await book({ location_id: v.location_id, starts_at: at(day(5), "19:00"), party_size: 2, email })).status).toBe(201)
  })

  it("seats, finishes and refuses a transition that makes no sense", async () => {
    const v = await venue({ T1: [1, 4] })
    const r = await staffBook({ location_id: v.location_id, starts_at: at(day(3), "19:00"), party_size: 2 })
    const id = r.body.reservation.id
    expect((await adminApi(`/admin/reservations/${id}/status`, { body: { status: "finished" } })).status).toBe(422)
    expect((await adminApi(`/admin/reservations/${id}/status`, { body: { status: "seated" } })).body.reservation.status).toBe("seated")
    expect((await adminApi(`/admin/reservations/${id}/status`, { body: { status: "finished" } })).body.reservation.status).toBe("finished")
    expect((await adminApi(`/admin/reservations/${id}/status`, { body: { status: "bogus" } })).status).toBe(400)
  })
})

describe("staff tools", () => {
  it("moves a booking to another table by hand and pins it; a taken table is 409", async () => {
    const v = await venue({ A: [1, 4], B: [1, 4] })
    const date = day(4)
    const one = await staffBook({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 2, table_ids: [v.tables.A] })
    const two = await staffBook({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 2, table_ids: [v.tables.B] })
    const clash = await adminApi(`/admin/reservations/${one.body.reservation.id}/assign`, { body: { table_ids: [v.tables.B] } })
    expect(clash.status).toBe(409)
    await adminApi(`/admin/reservations/${two.body.reservation.id}/status`, { body: { status: "cancelled" } })
    const moved = await adminApi(`/admin/reservations/${one.body.reservation.id}/assign`, { body: { table_ids: [v.tables.B] } })
    expect(moved.status, moved.text).toBe(200)
    expect(moved.body.reservation).toMatchObject({ table_ids: [v.tables.B], pinned: true, moved_from_table_ids: [v.tables.A] })
  })

  it("seats a walk-in now, and the floor plan shows the table seated", async () => {
    const v = await venue({ A: [1, 4] }, { opening_hours: EVERY_DAY.map((weekday) => ({ weekday, open: "00:00", close: "23:30" })) })
    const walkIn = await adminApi("/admin/reservations/walk-ins", { body: { location_id: v.location_id, party_size: 3 } })
    expect(walkIn.status, walkIn.text).toBe(201)
    expect(walkIn.body.reservation.status).toBe("seated")
    const plan = await adminApi(`/admin/reservations/locations/${v.location_id}/plan`)
    expect(plan.body.plan.tables[0]).toMatchObject({ id: v.tables.A, state: "seated" })
  })

  it("filters the day list, exports it as CSV, and charts guests per 15 minutes and covers per day", async () => {
    const v = await venue({ A: [1, 4], B: [1, 6] })
    const date = day(15)
    await staffBook({ location_id: v.location_id, starts_at: at(date, "18:00"), party_size: 4, name: "=Alice" })
    await staffBook({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 2, name: "Bob" })
    const q = await adminApi(`/admin/reservations?location_id=${v.location_id}&date=${date}&q=bob`)
    expect(q.body.reservations.map((r: { name: string }) => r.name)).toEqual(["Bob"])
    const terrace = await adminApi("/admin/reservations/areas", { body: { location_id: v.location_id, name: "Terrace" } })
    const byArea = (area: string) => adminApi(`/admin/reservations?location_id=${v.location_id}&date=${date}&area_id=${area}`)
    expect((await byArea(v.area_id)).body.reservations).toHaveLength(2)
    expect((await byArea(terrace.body.area.id)).body.reservations).toEqual([])
    const csv = await adminApi(`/admin/reservations/export?location_id=${v.location_id}&date=${date}`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get("content-type")).toContain("text/csv")
    expect(csv.text.split("\n")[0]).toContain("starts_at")
    expect(csv.text).toContain("'=Alice")
    const occ = await adminApi(`/admin/reservations/occupancy?location_id=${v.location_id}&date=${date}`)
    const guests = Object.fromEntries(occ.body.points.map((p: { time: string; guests: number }) => [p.time, p.guests]))
    expect([guests["17:45"], guests["18:00"], guests["19:15"], guests["20:00"], guests["21:00"]]).toEqual([0, 4, 6, 2, 0])
    const covers = await adminApi(`/admin/reservations/covers?location_id=${v.location_id}&month=${date.slice(0, 7)}`)
    expect(covers.body.days).toEqual([{ date, covers: 6, reservations: 2, no_shows: 0 }])
  })
})

describe("tills", () => {
  it("reads the floor plan with today's table states with the reservation scope, and is refused without it", async () => {
    const v = await venue({ A: [1, 4] })
    const till = await createTerminal({ scopes: ["reservation" as never], location_id: v.location_id })
    const other = await createTerminal({ scopes: ["loyalty"], location_id: v.location_id })
    const res = await posApi("/store/pos/reservations/floor", { key: till.key })
    expect(res.status, res.text).toBe(200)
    expect(res.body.plan.tables).toEqual([expect.objectContaining({ id: v.tables.A, state: "free" })])
    expect((await posApi("/store/pos/reservations/floor", { key: other.key })).status).toBe(403)
  })
})

describe("spam defence of the online booking", () => {
  it("answers the sixth booking from one IP within a minute with 429 and Retry-After, writing nothing", async () => {
    const v = await venue({ T1: [1, 4], T2: [1, 4], T3: [1, 4] })
    const date = day(6)
    const ip = clientIp()
    const times = ["17:00", "17:30", "18:00", "19:00", "19:30"]
    for (const time of times) {
      const r = await book({ location_id: v.location_id, starts_at: at(date, time), party_size: 2 }, ip)
      expect(r.status, r.text).toBe(201)
    }
    const sixth = await book({ location_id: v.location_id, starts_at: at(date, "20:00"), party_size: 2, name: "Sixth" }, ip)
    expect(sixth.status).toBe(429)
    expect(sixth.body).toMatchObject({ type: "rate_limited" })
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(0)
    const list = await adminApi(`/admin/reservations?location_id=${v.location_id}&date=${date}`)
    expect(list.body.reservations).toHaveLength(5)
    // another IP books on
    expect((await book({ location_id: v.location_id, starts_at: at(date, "20:00"), party_size: 2 })).status).toBe(201)
  })

  it("caps the online bookings of one guest e-mail a day at five, however it is written, and staff still book for them", async () => {
    const v = await venue({ T1: [1, 4], T2: [1, 4] })
    const email = `cap-${randomUUID().slice(0, 8)}@example.com`
    for (let i = 0; i < 5; i++) {
      const r = await book({ location_id: v.location_id, starts_at: at(day(7 + i), "19:00"), party_size: 2, email: i % 2 ? email.toUpperCase() : email })
      expect(r.status, r.text).toBe(201)
    }
    const sixth = await book({ location_id: v.location_id, starts_at: at(day(12), "19:00"), party_size: 2, email: ` ${email.toUpperCase()}` })
    expect(sixth.status).toBe(429)
    expect(sixth.body).toMatchObject({ type: "rate_limited" })
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(3600)
    expect((await adminApi(`/admin/reservations?location_id=${v.location_id}&date=${day(12)}`)).body.reservations).toEqual([])
    expect((await book({ location_id: v.location_id, starts_at: at(day(12), "19:00"), party_size: 2 })).status).toBe(201)
    expect((await staffBook({ location_id: v.location_id, starts_at: at(day(12), "19:00"), party_size: 2, email })).status).toBe(201)
  })

  it("refuses a form posted faster than a person types (time trap) and a filled honeypot, even with a fresh IP", async () => {
    const v = await venue({ T1: [1, 4] })
    const date = day(5)
    const quick = await book({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 2, form_ms: 1499 })
    expect(quick.status).toBe(400)
    const trap = await book({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 2, form_ms: 5000, website: "x" })
    expect(trap.status).toBe(400)
    const person = await book({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 2, form_ms: 5000, website: "" })
    expect(person.status, person.text).toBe(201)
  })
})

/** The loyalty view of the Medusa customer with this e-mail, or null when there is none. */
async function marketingOf(email: string): Promise<{ count: number; id: string | null; marketing_consent: boolean | null }> {
  const found = await adminApi(`/admin/customers?q=${encodeURIComponent(email)}`)
  expect(found.status, found.text).toBe(200)
  const customers = (found.body.customers as { id: string; email: string }[]).filter((c) => c.email === email.toLowerCase())
  if (!customers.length) return { count: 0, id: null, marketing_consent: null }
  const view = await adminApi(`/admin/loyalty/customers/${customers[0].id}`)
  expect(view.status, view.text).toBe(200)
  return { count: customers.length, id: customers[0].id, marketing_consent: view.body.customer.marketing_consent }
}

describe("newsletter", () => {
  it("adds a guest who opts in to the marketing list with consent: a new Medusa customer, or the one of that e-mail", async () => {
    const v = await venue({ T1: [1, 4], T2: [1, 4] }, { newsletter_consent_text: "Monthly news from us; unsubscribe any time." })
    const email = `news-${randomUUID().slice(0, 8)}@example.com`
    const booked = await book({ location_id: v.location_id, starts_at: at(day(8), "19:00"), party_size: 2, email, name: "Nina Neu", newsletter: true })
    expect(booked.status, booked.text).toBe(201)
    const added = await eventually(() => marketingOf(email), (m) => m.marketing_consent === true)
    expect(added).toMatchObject({ count: 1, marketing_consent: true })

    const member = await signUp({ first_name: "Kim", last_name: "Known" })
    const again = await book({ location_id: v.location_id, starts_at: at(day(8), "19:00"), party_size: 2, email: member.email.toUpperCase(), newsletter: true })
    expect(again.status, again.text).toBe(201)
    const known = await eventually(() => marketingOf(member.email), (m) => m.marketing_consent === true)
    expect(known).toMatchObject({ count: 1, id: member.id, marketing_consent: true })
  })

  it("records no consent without the opt-in: no customer is made, a known one keeps no consent", async () => {
    const v = await venue({ T1: [1, 4], T2: [1, 4] })
    const member = await signUp({ first_name: "Oli", last_name: "Out" })
    const plain = `plain-${randomUUID().slice(0, 8)}@example.com`
    expect((await book({ location_id: v.location_id, starts_at: at(day(9), "19:00"), party_size: 2, email: plain })).status).toBe(201)
    expect((await book({ location_id: v.location_id, starts_at: at(day(9), "19:00"), party_size: 2, email: member.email, newsletter: false })).status).toBe(201)
    // a third booking that opts in, after the two: once it is handled, the two before it have been too
    const marker = `marker-${randomUUID().slice(0, 8)}@example.com`
    expect((await book({ location_id: v.location_id, starts_at: at(day(10), "19:00"), party_size: 2, email: marker, newsletter: true })).status).toBe(201)
    await eventually(() => marketingOf(marker), (m) => m.marketing_consent === true)
    expect(await marketingOf(plain)).toEqual({ count: 0, id: null, marketing_consent: null })
    expect(await marketingOf(member.email)).toMatchObject({ id: member.id, marketing_consent: false })
  })
})

describe("live floor plan", () => {
  it("shows each table's state and booking at a chosen time, and refuses a bad time with 400", async () => {
    const v = await venue({ A: [1, 4], B: [1, 4] })
    const date = day(4)
    const r = await staffBook({ location_id: v.location_id, starts_at: at(date, "19:00"), party_size: 3, table_ids: [v.tables.A] })
    expect(r.status, r.text).toBe(201)
    const id = r.body.reservation.id
    const during = await adminApi(`/admin/reservations/locations/${v.location_id}/plan?at=${encodeURIComponent(at(date, "19:30"))}`)
    expect(during.status, during.text).toBe(200)
    const byId = (plan: { tables: { id: string }[] }) => Object.fromEntries(plan.tables.map((t) => [t.id, t]))
    expect(byId(during.body.plan)[v.tables.A]).toMatchObject({ state: "reserved", current: expect.objectContaining({ reservation_id: id, party_size: 3 }) })
    expect(byId(during.body.plan)[v.tables.B]).toMatchObject({ state: "free", current: null })
    const before = await adminApi(`/admin/reservations/locations/${v.location_id}/plan?at=${encodeURIComponent(at(date, "17:00"))}`)
    expect(byId(before.body.plan)[v.tables.A]).toMatchObject({ state: "free", current: null, next: expect.objectContaining({ reservation_id: id }) })
    expect((await adminApi(`/admin/reservations/locations/${v.location_id}/plan?at=tonight`)).status).toBe(400)
  })
})
