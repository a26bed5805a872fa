/**
 * The load generator of bench/pos-hot-path.ts, run as a process of its own so
 * that generating the load does not share the bench's event loop. Reads one
 * phase from argv[2] (JSON), runs autocannon on loopback and prints its result
 * as one JSON line.
 *
 * A phase is a path template plus one target per connection: connection i
 * always sends target i (its terminal key and card code), each POST with a
 * fresh Idempotency-Key, as a till would.
 */
import { randomUUID } from "crypto"

import autocannon from "autocannon"

export type LoadPhase = {
  url: string
  method: "GET" | "POST"
  /** `{code}` is replaced by the connection's target code. */
  path: string
  body?: Record<string, unknown>
  /** One per connection (cycled when fewer). Empty: no Authorization header. */
  targets: { key: string; code: string }[]
  connections: number
  seconds: number
}

export type LoadOutcome = {
  requests: number
  rps: number
  p50_ms: number
  p99_ms: number
  non2xx: number
  errors: number
}

async function main(): Promise<void> {
  const phase = JSON.parse(process.argv[2]) as LoadPhase
  const parsed = new URL(phase.url)
  if (!["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname)) {
    throw new Error(`load only on loopback, not ${parsed.hostname}`)
  }
  let next = 0
  const result = await autocannon({
    url: phase.url,
    connections: phase.connections,
    duration: phase.seconds,
    timeout: 10,
    requests: [
      {
        method: phase.method,
        setupRequest: (req: Record<string, any>, context: Record<string, any>) => {
          if (context.target === undefined) {
            context.target = phase.targets.length ? phase.targets[next++ % phase.targets.length] : null
          }
          const target = context.target as { key: string; code: string } | null
          const headers: Record<string, string> = { "content-type": "application/json" }
          if (target) headers.authorization = `Bearer ${target.key}`
          if (phase.method === "POST") headers["idempotency-key"] = randomUUID()
          const body = phase.body ? JSON.stringify(phase.body).replace("{reference}", randomUUID()) : undefined
          return {
            ...req,
            method: phase.method,
            path: phase.path.replace("{code}", encodeURIComponent(target?.code ?? "")),
            headers,
            body,
          }
        },
      },
    ],
  })
  const outcome: LoadOutcome = {
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }
  process.stdout.write(`${JSON.stringify(outcome)}\n`)
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e)
    process.exit(1)
  }
)
