/**
 * The POS hot path beside Medusa's own routes and PostgreSQL's own speed, in one
 * run at 32 connections: the server in production mode with Redis on a fresh copy
 * of the test template; load from a second process (wrk, else autocannon; loopback only);
 * pgbench -c 16 tpcb-like on a scratch database of the same PostgreSQL. Prints
 * absolute figures, the ratios the goal is stated in, and the server's memory (RSS,
 * JS heaps) after boot, before and after the load.
 * Run: npm run bench:pos   (BENCH_SECONDS=10 by default; needs a built dist)
 */
import { execFileSync } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"

import { bootServer, cpu_ms, medusaPid, request, runLoad, runMain } from "./lib"
import { loadGenerator } from "./load-child"
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

/** The Medusa processes below the entry point (the entry point itself is counted apart). */
function medusaPids(rootPid: number): number[] {
  return descendants(rootPid).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, "utf-8").includes("@medusajs/medusa/cli.js")
    } catch {
      return false // gone meanwhile
    }
  })
}

/** The summed resident memory of these processes, in MB. */
function rss_mb(pids: number[]): number {
  let kb = 0
  for (const pid of pids) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf-8"))?.[1] ?? 0)
    } catch {
      // gone meanwhile
    }
  }
  return kb / 1024
}

type Memory = { rss_mb: number; anon_mb: number; file_mb: number; heapUsed_mb: number; heapTotal_mb: number; external_mb: number; threads: number; threadHeapUsed_mb: number }

const MB = 1024 * 1024

/**
 * The Medusa process's memory: RSS (anonymous and file-backed) from /proc, and its JS heaps from a
 * Node diagnostic report (`--report-on-signal`, set by `reportOptions`): the main thread's heap
 * used / total and external memory, and the heap used by its worker threads (the PDF render pool).
 */
async function memoryOf(pid: number, reportDir: string): Promise<Memory> {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf-8")
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024
  for (const f of fs.readdirSync(reportDir)) fs.rmSync(path.join(reportDir, f))
  process.kill(pid, "SIGUSR2")
  let report: any
  for (let i = 0; i < 100 && !report; i++) {
    await new Promise((r) => setTimeout(r, 100))
    const file = fs.readdirSync(reportDir).find((f) => f.endsWith(".json"))
    try {
      report = file ? JSON.parse(fs.readFileSync(path.join(reportDir, file), "utf-8")) : undefined
    } catch {
      // still being written
    }
  }
  // The report lists the environment (secrets): read, then gone.
  for (const f of fs.readdirSync(reportDir)) fs.rmSync(path.join(reportDir, f))
  if (!report) throw new Error(`the Medusa process (${pid}) wrote no diagnostic report`)
  const heap = report.javascriptHeap
  const workers: any[] = report.workers ?? []
  return {
    rss_mb: kb("VmRSS"),
    anon_mb: kb("RssAnon"),
    file_mb: kb("RssFile"),
    heapUsed_mb: heap.usedMemory / MB,
    heapTotal_mb: heap.totalMemory / MB,
    external_mb: heap.externalMemory / MB,
    threads: workers.length,
    threadHeapUsed_mb: workers.reduce((sum, w) => sum + (w.javascriptHeap?.usedMemory ?? 0), 0) / MB,
  }
}

/** NODE_OPTIONS that make the server write a diagnostic report into `dir` on SIGUSR2 (read by `memoryOf`). */
function reportOptions(dir: string, given: string | undefined): string {
  return [given, "--report-on-signal", "--report-signal=SIGUSR2", `--report-directory=${dir}`].filter(Boolean).join(" ")
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
  const extraEnv: NodeJS.ProcessEnv = process.env.BENCH_ENV ? JSON.parse(process.env.BENCH_ENV) : {}
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "cm-bench-report-"))
  const bench = await bootServer("pos", { ...extraEnv, NODE_OPTIONS: reportOptions(reportDir, extraEnv.NODE_OPTIONS ?? process.env.NODE_OPTIONS) })
  const { url } = bench.server
  const admin = (method: string, p: string, body?: unknown) => request(url, method, p, { body, token: bench.adminToken })
  const memory: { label: string; m: Memory }[] = []
  try {
    memory.push({ label: "after boot", m: await memoryOf(medusaPid(bench.server.process.pid!), reportDir) })
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
    // pgbench before and after the load: this machine is shared and one run of it swings by a quarter.
    const tpsBefore = await pgbench(SECONDS)
    const root = bench.server.process.pid!
    const servers = medusaPids(root)
    const rssBefore = rss_mb(servers)
    const results: Record<string, LoadOutcome> = {}
    const medusa = medusaPid(root)
    const cpuOfServers = () => servers.reduce((sum, pid) => sum + cpu_ms(pid), 0)
    memory.push({ label: "before the load", m: await memoryOf(medusa, reportDir) })
    const cpuPerRequest: Record<string, number> = {}
    for (const [label, phase] of Object.entries(phases)) {
      await runLoad({ ...phase, seconds: WARMUP_S })
      const cpuBefore = cpuOfServers()
      results[label] = await runLoad({ ...phase, seconds: SECONDS })
      cpuPerRequest[label] = (cpuOfServers() - cpuBefore) / Math.max(1, results[label].requests)
    }
    // Let the process settle (pending touches, GC) before reading its memory.
    await new Promise((r) => setTimeout(r, 2000))
    const rssAfter = rss_mb(servers)
    memory.push({ label: "after the load", m: await memoryOf(medusa, reportDir) })
    const tpsAfter = await pgbench(SECONDS)
    const tps = (tpsBefore + tpsAfter) / 2

    const regions = results["GET /store/regions"].rps
    const pad = (s: string | number, n: number) => String(s).padStart(n)
    const ok = (b: boolean) => (b ? "yes" : "NO")
    console.log(`\nPOS hot path, ${CONNECTIONS} connections, ${SECONDS} s per route (after ${WARMUP_S} s warm-up), production mode with Redis, ${os.cpus().length} cores, load from ${loadGenerator()}`)
    console.log(`pgbench -c ${PGBENCH_CLIENTS} -j 2 -s ${PGBENCH_SCALE} tpcb-like on the same PostgreSQL: ${tps.toFixed(0)} tps (mean of ${tpsBefore.toFixed(0)} before and ${tpsAfter.toFixed(0)} after the load)\n`)
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
    console.log("  CPU ms/req: the Medusa processes' CPU time per request (user + system), unaffected by other load on the machine")
    const apart = rss_mb([root, ...descendants(root)].filter((pid) => !servers.includes(pid)))
    console.log(
      `\n  server RSS (${servers.length} Medusa process${servers.length > 1 ? "es" : ""}): ${rssBefore.toFixed(0)} MB before the load, ${rssAfter.toFixed(0)} MB after` +
        `  (${ok(rssAfter <= GOAL.rss_mb)} ≤ ${GOAL.rss_mb} MB); the entry point apart: ${apart.toFixed(0)} MB`
    )
    console.log(`\n  Medusa process, MB   ${pad("RSS", 6)} ${pad("anon", 6)} ${pad("file", 6)}  ${pad("heap used", 10)} ${pad("heap total", 11)} ${pad("external", 9)}  render threads (heap used)`)
    for (const { label, m } of memory) {
      console.log(
        `  ${label.padEnd(19)} ${pad(m.rss_mb.toFixed(0), 6)} ${pad(m.anon_mb.toFixed(0), 6)} ${pad(m.file_mb.toFixed(0), 6)}  ${pad(m.heapUsed_mb.toFixed(0), 10)} ${pad(m.heapTotal_mb.toFixed(0), 11)} ${pad(m.external_mb.toFixed(0), 9)}  ${m.threads} (${m.threadHeapUsed_mb.toFixed(0)})`
      )
    }
    console.log("  heap: the main thread's JS heap (V8); RSS anon/file: /proc/<pid>/status; render threads: the worker threads alive and their JS heaps")
  } finally {
    await bench.stop()
    fs.rmSync(reportDir, { recursive: true, force: true })
  }
}

runMain(main)
