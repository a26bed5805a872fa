/** Shared pieces of the benchmarks: a real server on a copy of the test template, HTTP, percentiles. */
import { randomUUID } from "crypto"

import { ADMIN, createDatabaseFromTemplate, dropDatabase, ensureTemplate } from "../tests/support/database"
import { RunningServer, startServer } from "../tests/support/server"

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
