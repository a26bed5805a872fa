/**
 * Loyalty earn calls at 32 concurrent terminals (POST /store/pos/loyalty/:code/earn,
 * each with its own receipt reference), on distinct customers and on one busy customer.
 * Run: npm run bench:loyalty   (BENCH_SECONDS=10 by default)
 */
import { randomUUID } from "crypto"

import { bootServer, load, LoadResult, loadRow, request, runMain } from "./lib"

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const TERMINALS = 32

async function main(): Promise<void> {
  const bench = await bootServer("loyalty")
  const { url } = bench.server
  const admin = (method: string, path: string, body?: unknown) => request(url, method, path, { body, token: bench.adminToken })
  try {
    const location = (await admin("POST", "/admin/pos/locations", { name: "Bench", time_zone: "Europe/Berlin" })).body.location
    const keys: string[] = []
    for (let i = 0; i < TERMINALS; i++) {
      keys.push((await admin("POST", "/admin/pos/terminals", { name: `till ${i}`, location_id: location.id, scopes: ["loyalty"] })).body.key)
    }
    const register = async (key: string, i: number) => {
      const res = await request(url, "POST", "/store/pos/customers", { token: key, body: { first_name: "Bench", last_name: `Customer ${i}` } })
      if (res.status !== 201) throw new Error(`registering failed: ${res.status} ${JSON.stringify(res.body)}`)
      return res.body.card.code as string
    }
    const cards = await Promise.all(keys.map(register))
    const earn = (w: number, code: string) =>
      request(url, "POST", `/store/pos/loyalty/${code}/earn`, {
        token: keys[w],
        body: { amount: 1290, currency_code: "eur", reference: `receipt ${randomUUID()}` },
      }).then((r) => r.status === 200)

    const rows: [string, LoadResult][] = [
      ["distinct customers", await load(TERMINALS, SECONDS, (w) => earn(w, cards[w]))],
      ["one busy customer ", await load(TERMINALS, SECONDS, (w) => earn(w, cards[0]))],
    ]
    console.log(`\nLoyalty earn calls at ${TERMINALS} concurrent terminals, ${SECONDS} s each, 2 cores:`)
    console.log("  customers             ops/s   p50 ms   p99 ms   errors")
    for (const [label, r] of rows) {
      console.log(loadRow(`${label} `, r))
    }
  } finally {
    await bench.stop()
  }
}

runMain(main)
