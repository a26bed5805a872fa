/**
 * Voucher redemptions at 32 concurrent terminals: through HTTP (the POS route
 * with key check, idempotency and the ledger debit) beside the ledger's own
 * figure (ValueAccountService.debit called directly on a pool of 32
 * connections), on distinct vouchers and on one hot voucher.
 * Run: npm run bench:redeem   (BENCH_SECONDS=10 by default)
 */
import { DataSource } from "typeorm"

import { bootServer, load, LoadResult, loadRow, request, runMain } from "./lib"
import ValueAccountService from "../src/plugins/ledger/src/services/value-account"

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const TERMINALS = 32

async function main(): Promise<void> {
  const bench = await bootServer("redeem")
  const { url } = bench.server
  const admin = (method: string, path: string, body?: unknown) => request(url, method, path, { body, token: bench.adminToken })
  const db = new DataSource({ type: "postgres", url: bench.databaseUrl, extra: { max: TERMINALS } })
  await db.initialize()
  try {
    const location = (await admin("POST", "/admin/pos/locations", { name: "Bench", time_zone: "Europe/Berlin" })).body.location
    const keys: string[] = []
    for (let i = 0; i < TERMINALS; i++) {
      keys.push((await admin("POST", "/admin/pos/terminals", { name: `till ${i}`, location_id: location.id, scopes: ["gift_card"] })).body.key)
    }
    const sell = async (key: string) =>
      (await request(url, "POST", "/store/pos/gift-cards", { token: key, body: { amount: 1_000_000_000, currency_code: "eur" } })).body.gift_card
    const vouchers = await Promise.all(keys.map(sell))
    const hot = vouchers[0]
    const accountOf = async (code: string): Promise<string> =>
      (await request(url, "GET", `/store/pos/cards/${code}`, { token: keys[0] })).body.card.accounts[0].id
    const accounts = await Promise.all(vouchers.map((v) => accountOf(v.code)))

    // The ledger service itself, as other plugins call it, without HTTP.
    const ledger = new ValueAccountService({ manager: db.manager })

    const rows: [string, LoadResult][] = []
    for (const mode of ["distinct", "hot"] as const) {
      const code = (w: number) => (mode === "hot" ? hot.code : vouchers[w].code)
      const account = (w: number) => (mode === "hot" ? accounts[0] : accounts[w])
      rows.push([
        `HTTP   ${mode.padEnd(8)}`,
        await load(TERMINALS, SECONDS, async (w) =>
          (await request(url, "POST", `/store/pos/gift-cards/${code(w)}/redeem`, { token: keys[w], body: { amount: 1 } })).status === 200
        ),
      ])
      rows.push([
        `ledger ${mode.padEnd(8)}`,
        await load(TERMINALS, SECONDS, async (w) => {
          await ledger.debit(account(w), 1, "redeem")
          return true
        }),
      ])
    }
    console.log(`\nVoucher redemptions at ${TERMINALS} concurrent terminals, ${SECONDS} s each, 2 cores:`)
    console.log("  path   vouchers    ops/s   p50 ms   p99 ms   errors")
    for (const [label, r] of rows) {
      console.log(loadRow(label, r))
    }
  } finally {
    await db.destroy()
    await bench.stop()
  }
}

runMain(main)
