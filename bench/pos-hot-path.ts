/**
 * The POS hot path beside Medusa's own routes and PostgreSQL's own speed, in one
 * run at 32 connections: the server in production mode with Redis on a fresh copy
 * of the test template; load from a second process (autocannon, loopback only);
 * pgbench -c 16 tpcb-like on a scratch database of the same PostgreSQL. Prints
 * absolute figures, the ratios the goal is stated in, and the server's RSS.
 * Run: npm run bench:pos   (BENCH_SECONDS=10 by default; needs a built dist)
 */
import { execFileSync } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"

import { bootServer, cpu_ms, medusaPid, request, runLoad, runMain } from "./lib"
import type { LoadOutcome, LoadPhase } from "./load-child"
import { databaseUrl, withAdminClient } from "../tests/support/database"
import { descendants } from "../tests/support/server"

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = 32
const PGBENCH_CLIENTS = 16
/** pgbench's advice: a scale factor at least the number of clients, so they do not all queue on one branch row. */
const PGBENCH_SCALE = 16
const WARMUP_S = 3
const SETTLE_S = 15

/** The goal of issue 12. */
const GOAL = { vsRegions: 1.5, vsPgbench: 0.25, p99_ms: 50, rss_mb: 400 }

/** The resident memory of the Medusa process (the largest node process below the entry point), in MB. */
function serverRss_mb(rootPid: number): number {
  let max = 0
  for (const pid of descendants(rootPid)) {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf-8")
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
      max = Math.max(max, kb)
    } catch {
      // gone meanwhile
    }
  }
  return max / 1024
}

function pgbenchBinary(): string {
  const base = "/usr/lib/postgresql"
  const versions = fs.readdirSync(base).sort((a, b) => Number(b) - Number(a))
  for (const v of versions) {
    const bin = path.join(base, v, "bin", "pgbench")
    if (fs.existsSync(bin)) return bin
  }
  throw new Error("pgbench not found under /usr/lib/postgresql/*/bin")
}

/** pgbench -c 16 tpcb-like on a scratch database; answers tps. */
async function pgbench(seconds: number): Promise<number> {
  const name = `cm_bench_pgbench_${Date.now().toString(36)}`
  await withAdminClient((c) => c.query(`CREATE DATABASE ${name}`))
  try {
    const url = databaseUrl(name)
    const bin = pgbenchBinary()
    execFileSync(bin, ["-i", "-q", "-s", String(PGBENCH_SCALE), url], { stdio: "pipe" })
    const out = execFileSync(bin, ["-c", String(PGBENCH_CLIENTS), "-j", "2", "-T", String(seconds), "-b", "tpcb-like", url], {
      stdio: "pipe",
      encoding: "utf-8",
    })
    const tps = /tps = ([\d.]+)/.exec(out)?.[1]
    if (!tps) throw new Error(`pgbench printed no tps:\n${out}`)
    return Number(tps)
  } finally {
    await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
  }
}

async function main(): Promise<void> {
  const bench = await bootServer("pos", process.env.BENCH_ENV ? JSON.parse(process.env.BENCH_ENV) : {})
  const { url } = bench.server
  const admin = (method: string, p: string, body?: unknown) => request(url, method, p, { body, token: bench.adminToken })
  try {
    const location = (await admin("POST", "/admin/pos/locations", { name: "Bench", time_zone: "Europe/Berlin" })).body.location
    const keys: string[] = []
    for (let i = 0; i < CONNECTIONS; i++) {
      const res = await admin("POST", "/admin/pos/terminals", {
        name: `till ${i}`,
        location_id: location.id,
        scopes: ["gift_card", "loyalty", "prepaid_charge", "prepaid_topup"],
      })
      keys.push(res.body.key)
    }
    const must = async (p: Promise<{ status: number; body: any }>, what: string) => {
      const res = await p
      if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`)
      return res.body
    }
    const vouchers: string[] = []
    const customers: string[] = []
    const prepaid: string[] = []
    for (const key of keys) {
      const voucher = await must(request(url, "POST", "/store/pos/gift-cards", { token: key, body: { amount: 1_000_000_000, currency_code: "eur" } }), "selling a voucher")
      vouchers.push(voucher.gift_card.code)
      const customer = await must(request(url, "POST", "/store/pos/customers", { token: key, body: { first_name: "Bench", last_name: "Customer" } }), "registering")
      customers.push(customer.card.code)
      const card = await must(request(url, "POST", "/store/pos/prepaid-cards", { token: key, body: { currency_code: "eur" } }), "issuing a prepaid card")
      await must(
        request(url, "POST", `/store/pos/prepaid-cards/${card.prepaid_card.code}/top-up`, { token: key, body: { amount: 100_000_000, tender: "cash" } }),
        "topping up"
      )
      prepaid.push(card.prepaid_card.code)
    }
    const targets = (codes: string[]) => codes.map((code, i) => ({ key: keys[i], code }))
    const phases: Record<string, Omit<LoadPhase, "seconds">> = {
      "GET /health": { url, method: "GET", path: "/health", targets: [], connections: CONNECTIONS },
      "GET /store/regions": { url, method: "GET", path: "/store/regions", targets: [], connections: CONNECTIONS },
      "voucher redeem": {
        url,
        method: "POST",
        path: "/store/pos/gift-cards/{code}/redeem",
        body: { amount: 1 },
        targets: targets(vouchers),
        connections: CONNECTIONS,
      },
      "loyalty earn": {
        url,
        method: "POST",
        path: "/store/pos/loyalty/{code}/earn",
        body: { amount: 1290, currency_code: "eur", reference: "{reference}" },
        targets: targets(customers),
        connections: CONNECTIONS,
      },
      "prepaid charge": {
        url,
        method: "POST",
        path: "/store/pos/prepaid-cards/{code}/charge",
        body: { amount: 1 },
        targets: targets(prepaid),
        connections: CONNECTIONS,
      },
    }

    // Every sale above queued a voucher PDF; let the in-process jobs render them before measuring anything.
    await new Promise((r) => setTimeout(r, SETTLE_S * 1000))
    const rssBefore = serverRss_mb(bench.server.process.pid!)
    const results: Record<string, LoadOutcome> = {}
    const medusa = medusaPid(bench.server.process.pid!)
    const cpuPerRequest: Record<string, number> = {}
    for (const [label, phase] of Object.entries(phases)) {
      await runLoad({ ...phase, seconds: WARMUP_S })
      const cpuBefore = cpu_ms(medusa)
      results[label] = await runLoad({ ...phase, seconds: SECONDS })
      cpuPerRequest[label] = (cpu_ms(medusa) - cpuBefore) / Math.max(1, results[label].requests)
    }
    // Let the process settle (pending touches, GC) before reading its memory.
    await new Promise((r) => setTimeout(r, 2000))
    const rssAfter = serverRss_mb(bench.server.process.pid!)
    const tps = await pgbench(SECONDS)

    const regions = results["GET /store/regions"].rps
    const pad = (s: string | number, n: number) => String(s).padStart(n)
    const ok = (b: boolean) => (b ? "yes" : "NO")
    console.log(`\nPOS hot path, ${CONNECTIONS} connections, ${SECONDS} s per route (after ${WARMUP_S} s warm-up), production mode with Redis, ${os.cpus().length} cores`)
    console.log(`pgbench -c ${PGBENCH_CLIENTS} -j 2 -s ${PGBENCH_SCALE} tpcb-like on the same PostgreSQL: ${tps.toFixed(0)} tps\n`)
    console.log(`  ${"route".padEnd(18)} ${pad("req/s", 8)} ${pad("p50 ms", 8)} ${pad("p99 ms", 8)} ${pad("non-2xx", 8)} ${pad("errors", 7)} ${pad("×regions", 9)} ${pad("×pgbench", 9)} ${pad("CPU ms/req", 11)}  goal`)
    for (const [label, r] of Object.entries(results)) {
      const vsRegions = r.rps / regions
      const vsPgbench = r.rps / tps
      const judged = label === "voucher redeem" || label === "loyalty earn"
      const goal = judged
        ? `${ok(vsRegions >= GOAL.vsRegions)} ×regions≥${GOAL.vsRegions}, ${ok(vsPgbench >= GOAL.vsPgbench)} ×pgbench≥${GOAL.vsPgbench}, ${ok(r.p99_ms <= GOAL.p99_ms)} p99≤${GOAL.p99_ms}`
        : ""
      console.log(
        `  ${label.padEnd(18)} ${pad(r.rps.toFixed(0), 8)} ${pad(r.p50_ms.toFixed(1), 8)} ${pad(r.p99_ms.toFixed(1), 8)} ${pad(r.non2xx, 8)} ${pad(r.errors, 7)} ${pad(vsRegions.toFixed(2), 9)} ${pad(vsPgbench.toFixed(3), 9)} ${pad(cpuPerRequest[label].toFixed(2), 11)}  ${goal}`
      )
    }
    console.log("  CPU ms/req: the Medusa process's CPU time per request (user + system), unaffected by other load on the machine")
    console.log(`\n  server RSS: ${rssBefore.toFixed(0)} MB before the load, ${rssAfter.toFixed(0)} MB after  (${ok(rssAfter <= GOAL.rss_mb)} ≤ ${GOAL.rss_mb} MB)`)
  } finally {
    await bench.stop()
  }
}

runMain(main)
