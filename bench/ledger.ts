/**
 * Ledger throughput through HTTP: voucher redemptions (one ledger debit each,
 * idempotent POS call) at 1, 8 and 32 concurrent terminals, on distinct vouchers
 * and on one hot voucher; then PostgreSQL's own `pgbench -N` on the same machine
 * as the ceiling. Run: npm run bench:ledger   (BENCH_SECONDS=10 by default)
 */
import { execFileSync } from "child_process"

import { bootServer, load, loadRow, request, runMain } from "./lib"
import { databaseUrl } from "../tests/support/database"

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONCURRENCY = [1, 8, 32]

type Result = { label: string; ops: number; errors: number; tps: number; p50: number; p99: number }

async function main(): Promise<void> {
  const bench = await bootServer("ledger")
  const { url } = bench.server
  const admin = (method: string, path: string, body?: unknown) => request(url, method, path, { body, token: bench.adminToken })
  try {
    const location = (await admin("POST", "/admin/pos/locations", { name: "Bench", time_zone: "Europe/Berlin" })).body.location
    const keys: string[] = []
    for (let i = 0; i < Math.max(...CONCURRENCY); i++) {
      const res = await admin("POST", "/admin/pos/terminals", { name: `bench ${i}`, location_id: location.id, scopes: ["gift_card"] })
      keys.push(res.body.key)
    }
    const sell = async (key: string) =>
      (await request(url, "POST", "/store/pos/gift-cards", { token: key, body: { amount: 1_000_000_000, currency_code: "eur" } })).body.gift_card.code as string
    const hot = await sell(keys[0])
    const own = await Promise.all(keys.map(sell))

    const results: Result[] = []
    for (const mode of ["distinct", "hot"] as const) {
      for (const c of CONCURRENCY) {
        results.push(await run(`${mode.padEnd(8)} c=${String(c).padStart(2)}`, c, (w) => ({ key: keys[w], code: mode === "hot" ? hot : own[w] }), url))
      }
    }
    const pg = pgbenchTps()

    console.log(`\nLedger debits through HTTP (POST /store/pos/gift-cards/:code/redeem), ${SECONDS} s each, 2 cores:`)
    console.log("  accounts  concurrency   ops/s   p50 ms   p99 ms   errors")
    for (const r of results) {
      console.log(loadRow(`${r.label} `, r))
    }
    const best = Math.max(...results.map((r) => r.tps))
    console.log(`\npgbench -N (simple-update TPC-B, c=8, ${SECONDS} s) on the same PostgreSQL: ${pg.toFixed(0)} tps`)
    console.log(`best HTTP ledger throughput / pgbench ceiling: ${(best / pg).toFixed(3)}`)
  } finally {
    await bench.stop()
  }
}

async function run(
  label: string,
  concurrency: number,
  target: (worker: number) => { key: string; code: string },
  url: string
): Promise<Result> {
  const result = await load(concurrency, SECONDS, async (w) => {
    const { key, code } = target(w)
    return (await request(url, "POST", `/store/pos/gift-cards/${code}/redeem`, { token: key, body: { amount: 1 } })).status === 200
  })
  return { label, ...result }
}

/** PostgreSQL's own ceiling for small write transactions on this machine. */
function pgbenchTps(): number {
  const name = `cm_pgbench_${Date.now().toString(36)}`
  const admin = databaseUrl("postgres")
  const pgbench = (args: string[]) => execFileSync("pgbench", [...args, databaseUrl(name)], { stdio: "pipe" }).toString()
  execFileSync("psql", [admin, "-qc", `CREATE DATABASE ${name}`])
  try {
    pgbench(["-q", "-i", "-s", "8"])
    const out = pgbench(["-N", "-c", "8", "-j", "2", "-T", String(SECONDS)])
    const tps = out.match(/tps = ([\d.]+)/)
    if (!tps) {
      throw new Error(`pgbench printed no tps:\n${out}`)
    }
    return Number(tps[1])
  } finally {
    execFileSync("psql", [admin, "-qc", `DROP DATABASE IF EXISTS ${name}`])
  }
}

runMain(main)
