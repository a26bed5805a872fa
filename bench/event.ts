/**
 * Registrations per second for one popular event at 32 concurrent clients
 * (every registration counts the places under the event's row lock), beside
 * Medusa's own `GET /store/regions` in the same run; then 32 clients racing
 * for the last 100 places of a second event, which must end with exactly 100
 * given, never more.
 * Run: npx tsx bench/event.ts   (BENCH_SECONDS=10 by default; needs a built dist)
 */
import { Client } from "pg"

import { bootServer, load, LoadResult, loadRow, request, runMain } from "./lib"

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CLIENTS = 32

async function main(): Promise<void> {
  // The per-IP budget of public routes would stop one load generator at once: scaled out of the way.
  const bench = await bootServer("event", { PUBLIC_RATE_LIMIT_SCALE: "1000000" })
  const { url } = bench.server
  const admin = (method: string, path: string, body?: unknown) => request(url, method, path, { body, token: bench.adminToken })
  const db = new Client({ connectionString: bench.databaseUrl })
  await db.connect()
  try {
    const venue = (await admin("POST", "/admin/events/venues", { name: "Halle", time_zone: "Europe/Berlin" })).body.venue
    const event = async (capacity: number) =>
      (
        await admin("POST", "/admin/events", {
          title: "Beliebt",
          venue_id: venue.id,
          starts_at: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          ends_at: new Date(Date.now() + 30 * 86_400_000 + 3_600_000).toISOString(),
          capacity,
          price: 0,
          currency_code: "EUR",
          published: true,
        })
      ).body.event
    const popular = await event(100_000)
    let n = 0
    const register = async (id: string) =>
      request(url, "POST", `/store/events/${id}/registrations`, { body: { name: "Bench", email: `b${n++}@example.com` } })

    const rows: [string, LoadResult][] = []
    rows.push(["GET /store/regions            ", await load(CLIENTS, SECONDS, async () => (await request(url, "GET", "/store/regions")).status === 200)])
    rows.push(["POST registrations (one event)", await load(CLIENTS, SECONDS, async () => (await register(popular.id)).status === 201)])

    const scarce = await event(100)
    let given = 0
    let soldOut = 0
    const race = await load(CLIENTS, Math.min(SECONDS, 5), async () => {
      const res = await register(scarce.id)
      if (res.status === 201) given++
      else if (res.status === 409) soldOut++
      return res.status === 201 || res.status === 409
    })
    const { rows: counted } = await db.query(
      `SELECT e.id, e.capacity, COALESCE(SUM(r.quantity) FILTER (WHERE r.status = 'confirmed'), 0)::int AS confirmed
         FROM event e LEFT JOIN event_registration r ON r.event_id = e.id WHERE e.id = ANY($1) GROUP BY e.id`,
      [[popular.id, scarce.id]]
    )

    console.log(`\nEvent registrations at ${CLIENTS} concurrent clients, ${SECONDS} s each:`)
    console.log("  route                              ops/s   p50 ms   p99 ms   errors")
    for (const [label, r] of rows) {
      console.log(loadRow(label, r))
    }
    const [regions, registrations] = rows.map(([, r]) => r.tps)
    console.log(`  registrations / regions: ${(registrations / regions).toFixed(2)}`)
    console.log(`\nRace for 100 places: ${race.ops} requests, ${given} given, ${soldOut} sold out, ${race.errors} other answers`)
    for (const row of counted) {
      console.log(`  ${row.id}: capacity ${row.capacity}, confirmed ${row.confirmed}${row.confirmed > row.capacity ? "  OVER CAPACITY" : ""}`)
      if (row.confirmed > row.capacity) {
        process.exitCode = 1
      }
    }
  } finally {
    await db.end()
    await bench.stop()
  }
}

runMain(main)
