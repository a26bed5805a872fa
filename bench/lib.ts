/** Shared pieces of the benchmarks: a real server on a copy of the test template, HTTP, percentiles. */
import { spawn } from "child_process"
import { randomUUID } from "crypto"
import fs from "fs"
import path from "path"

import type { LoadOutcome, LoadPhase } from "./load-child"
import { ADMIN, createDatabaseFromTemplate, dropDatabase, ensureTemplate } from "../tests/support/database"
import { descendants, ROOT, RunningServer, startServer } from "../tests/support/server"

export type BenchServer = { server: RunningServer; adminToken: string; databaseUrl: string; stop(): Promise<void> }

export async function bootServer(name: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<BenchServer> {
  const database = `cm_bench_${name}_${Date.now().toString(36)}`
  const databaseUrl = await createDatabaseFromTemplate(await ensureTemplate(), database)
  const server = await startServer({
    name: `bench-${name}`,
    env: {
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.REDIS_URL || "redis://127.0.0.1:6379",
      REDIS_NAMESPACE: `cmbench-${database}`,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      NODE_ENV: "production",
      JWT_SECRET: randomUUID(),
      COOKIE_SECRET: randomUUID(),
      ...extraEnv,
    },
  })
  const token = await request(server.url, "POST", "/admin/auth/token", { body: ADMIN })
  return {
    server,
    adminToken: token.body.access_token,
    databaseUrl,
    stop: async () => {
      await server.stop()
      await dropDatabase(database)
    },
  }
}

export async function request(
  baseUrl: string,
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; idempotencyKey?: string } = {}
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { "content-type": "application/json" }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  if (method === "POST" && path.startsWith("/store/pos")) headers["idempotency-key"] = opts.idempotencyKey ?? randomUUID()
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}

export function percentile(sorted_ms: number[], p: number): number {
  if (!sorted_ms.length) return NaN
  return sorted_ms[Math.min(sorted_ms.length - 1, Math.floor((p / 100) * sorted_ms.length))]
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(8)

export type LoadResult = { ops: number; errors: number; tps: number; p50: number; p99: number }

/**
 * Runs `op` in `concurrency` loops for `seconds` and measures each call.
 * `op` answers whether the call succeeded.
 */
export async function load(concurrency: number, seconds: number, op: (worker: number) => Promise<boolean>): Promise<LoadResult> {
  const latencies: number[] = []
  let errors = 0
  const until = Date.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (Date.now() < until) {
        const t0 = performance.now()
        const ok = await op(w)
        latencies.push(performance.now() - t0)
        if (!ok) errors++
      }
    })
  )
  latencies.sort((a, b) => a - b)
  return { ops: latencies.length, errors, tps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) }
}

/** One row of a `load` table: the label, ops/s, p50 and p99 in ms, errors. */
export const loadRow = (label: string, r: LoadResult) => `  ${label} ${fmt(r.tps)} ${fmt(r.p50)} ${fmt(r.p99)}   ${r.errors}`

/** Runs one phase in a second process (bench/load-child.ts, autocannon), so the load does not share the bench's event loop; killed 60 s after its planned end. */
export function runLoad(phase: LoadPhase): Promise<LoadOutcome> {
  const tsx = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs")
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, path.join(__dirname, "load-child.ts"), JSON.stringify(phase)], {
      stdio: ["ignore", "pipe", "inherit"],
    })
    let out = ""
    child.stdout.on("data", (d) => (out += d))
    const timer = setTimeout(() => child.kill("SIGKILL"), (phase.seconds + 60) * 1000)
    child.on("exit", (code) => {
      clearTimeout(timer)
      const line = out.trim().split("\n").pop()
      if (code === 0 && line) resolve(JSON.parse(line) as LoadOutcome)
      else reject(new Error(`load generator exited ${code}: ${out}`))
    })
  })
}

/** The Medusa process: the node process below the entry point with the largest resident memory. */
export function medusaPid(rootPid: number): number {
  let best = rootPid
  let max = 0
  for (const pid of descendants(rootPid)) {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf-8"))?.[1] ?? 0)
      if (kb > max) [best, max] = [pid, kb]
    } catch {
      // gone meanwhile
    }
  }
  return best
}

/** CPU time (user + system) the process has used so far, in ms: a figure other tenants of the machine do not distort. */
export function cpu_ms(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf-8")
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/** Runs a bench's `main` and exits: with `process.exitCode` (0 unless the bench set it) when it ends, 1 with the error when it throws. */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (e) => {
      console.error(e)
      process.exit(1)
    }
  )
}
