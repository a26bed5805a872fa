/**
 * Reservations: a plan of 60 tables with 500 bookings in the day.
 * 1. A day's availability for one party size computed in process (the engine alone): p50/p99.
 * 2. The HTTP availability route at 32 connections beside Medusa's /store/regions, same run.
 * 3. 32 concurrent bookers on the same slots: no table is ever given twice.
 * Run: npx tsx bench/reservation.ts   (BENCH_SECONDS=10 by default)
 */
import { DateTime } from "luxon"
import { DataSource } from "typeorm"

import { bootServer, fmt, load, LoadResult, percentile, request, runMain } from "./lib"
import { dayAvailability, indexBookings, candidatesOf } from "../src/plugins/reservation/src/engine/availability"
import type { EngineBooking, EngineTable, ReservationSettings } from "../src/plugins/reservation/src/engine/types"

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = 32
const TABLES = 60
const BOOKINGS = 500
const ZONE = "Europe/Berlin"

const settings: ReservationSettings = {
  location_id: "bench",
  online: true,
  slot_minutes: 15,
  opening_hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: "10:00", close: "23:59" })),
  closed_dates: [],
  turn_minutes: 90,
  turn_minutes_by_party: [],
  buffer_minutes: 0,
  min_party: 1,
  max_party: 8,
  lead_minutes: 0,
  horizon_days: 365,
  pacing_covers: null,
  pacing_online_covers: null,
  cancel_cutoff_minutes: 120,
  no_show_limit: 3,
  no_show_months: 12,
  newsletter_consent_text: null,
}

/** The engine alone: 60 tables, 500 bookings of 90 minutes spread over the day. */
function inProcess(date: string): { p50: number; p99: number; runs: number } {
  const tables: EngineTable[] = Array.from({ length: TABLES }, (_, i) => ({
    id: `t${i}`, area_id: `a${i % 4}`, name: `T${i}`, min_seats: 1, max_seats: 2 + (i % 4) * 2, active: true, online: true, priority: 0, area_priority: 0,
  }))
  const combinations = Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, table_ids: [`t${2 * i}`, `t${2 * i + 1}`], min_seats: 5, max_seats: 10 }))
  const open = DateTime.fromISO(`${date}T10:00`, { zone: ZONE }).toMillis()
  const bookings: EngineBooking[] = Array.from({ length: BOOKINGS }, (_, i) => {
    const start = open + ((i * 37) % 52) * 15 * 60_000
    return { reservation_id: `r${i}`, table_ids: [`t${i % TABLES}`], start_ms: start, end_ms: start + 90 * 60_000, party_size: 2, online: true, movable: true }
  })
  const ctx = { tables, combinations, rules: [], bookings, byTable: indexBookings(bookings), candidates: candidatesOf(tables, combinations) }
  const times: number[] = []
  const deadline = Date.now() + SECONDS * 1000
  while (Date.now() < deadline) {
    const t0 = performance.now()
    dayAvailability({ settings, time_zone: ZONE, date, party: 4, channel: "online", now_ms: Date.now() }, { ...ctx, byTable: indexBookings(bookings) })
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p99: percentile(times, 99), runs: times.length }
}

async function main(): Promise<void> {
  const date = DateTime.now().setZone(ZONE).plus({ days: 3 }).toISODate() as string
  const engine = inProcess(date)
  console.log(`\nEngine: a day's availability, ${TABLES} tables, ${BOOKINGS} bookings, party of 4: p50 ${engine.p50.toFixed(2)} ms, p99 ${engine.p99.toFixed(2)} ms (${engine.runs} runs)`)

  const bench = await bootServer("reservation", { PUBLIC_RATE_LIMIT_SCALE: "1000000" })
  const { url } = bench.server
  const admin = (method: string, path: string, body?: unknown) => request(url, method, path, { body, token: bench.adminToken })
  const db = new DataSource({ type: "postgres", url: bench.databaseUrl })
  await db.initialize()
  try {
    const location = (await admin("POST", "/admin/pos/locations", { name: "Bench", time_zone: ZONE })).body.location
    await admin("PUT", `/admin/reservations/locations/${location.id}/settings`, { ...settings, location_id: undefined, pacing_covers: undefined, pacing_online_covers: undefined, newsletter_consent_text: undefined })
    const area = (await admin("POST", "/admin/reservations/areas", { location_id: location.id, name: "Hall" })).body.area
    const tableIds: string[] = []
    for (let i = 0; i < TABLES; i++) {
      tableIds.push((await admin("POST", "/admin/reservations/tables", { area_id: area.id, name: `T${i}`, min_seats: 1, max_seats: 2 + (i % 4) * 2 })).body.table.id)
    }
    // 500 bookings of the day, written directly (the engine's write path is measured below).
    const open = DateTime.fromISO(`${date}T10:00`, { zone: ZONE }).toMillis()
    for (let i = 0; i < BOOKINGS; i++) {
      const start = new Date(open + ((i * 37) % 52) * 15 * 60_000)
      const end = new Date(start.getTime() + 90 * 60_000)
      const id = `resv_bench_${i}`
      const table = tableIds[(i * 7) % TABLES]
      const taken = await db.query(
        `INSERT INTO reservation (id, location_id, status, source, starts_at, ends_at, blocked_until, business_date, party_size, name, table_ids)
         SELECT $1, $2, 'confirmed', 'phone', $3, $4, $4, $5, 2, 'Bench', ARRAY[$6::varchar]
          WHERE NOT EXISTS (SELECT 1 FROM reservation_allocation WHERE table_id = $6 AND during && tstzrange($3, $4)) RETURNING id`,
        [id, location.id, start, end, date, table]
      )
      if (taken.length) {
        await db.query(`INSERT INTO reservation_allocation (reservation_id, table_id, location_id, during) VALUES ($1, $2, $3, tstzrange($4, $5))`, [id, table, location.id, start, end])
      }
    }
    const rows: [string, LoadResult][] = []
    rows.push([
      "GET /store/reservations/availability",
      await load(CONNECTIONS, SECONDS, async () => (await request(url, "GET", `/store/reservations/availability?location_id=${location.id}&date=${date}&party_size=4`)).status === 200),
    ])
    rows.push(["GET /store/regions (Medusa)", await load(CONNECTIONS, SECONDS, async () => (await request(url, "GET", "/store/regions")).status === 200)])
    console.log(`\nHTTP at ${CONNECTIONS} connections, ${SECONDS} s each:`)
    console.log("  route                                   req/s   p50 ms   p99 ms   errors")
    for (const [label, r] of rows) console.log(`  ${label.padEnd(38)}${fmt(r.tps)} ${fmt(r.p50)} ${fmt(r.p99)}   ${r.errors}`)

    // 32 concurrent bookers, each trying the evening slots for a party of 2, until the slots are full.
    const day2 = DateTime.now().setZone(ZONE).plus({ days: 4 }).toISODate() as string
    const slots = ["19:00", "19:15", "19:30"].map((t) => DateTime.fromISO(`${day2}T${t}`, { zone: ZONE }).toISO())
    let created = 0
    let refused = 0
    let failed = 0
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, w) => {
        for (let i = 0; i < 10; i++) {
          const res = await request(url, "POST", "/store/reservations", {
            body: { location_id: location.id, starts_at: slots[(w + i) % slots.length], party_size: 2, name: "B", email: `b${w}-${i}@example.com` },
          }).catch(() => null)
          if (!res) failed++
          else if (res.status === 201) created++
          else refused++
        }
      })
    )
    const overlaps = await db.query(
      `SELECT count(*)::int AS n FROM reservation_allocation a JOIN reservation_allocation b
         ON a.table_id = b.table_id AND a.reservation_id < b.reservation_id AND a.during && b.during WHERE a.location_id = $1`,
      [location.id]
    )
    console.log(`\n${CONNECTIONS} concurrent bookers × 10 tries on 3 slots: ${created} booked, ${refused} refused, ${failed} connection errors, overlapping allocations: ${overlaps[0].n}`)
  } finally {
    await db.destroy()
    await bench.stop()
  }
}

runMain(main)
