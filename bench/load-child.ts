/**
 * The load generator of the benches, run as a process of its own so that
 * generating the load does not share the bench's event loop. Reads one phase
 * from argv[2] (JSON), loads the server on loopback and prints the result as
 * one JSON line.
 *
 * A phase is a path template plus one target per connection: connection i
 * always sends target i (its terminal key and card code), each POST with a
 * fresh Idempotency-Key, as a till would.
 *
 * The generator is wrk (Debian's package, `apt-get install wrk`) when it is
 * installed, else autocannon; LOAD_GENERATOR=autocannon|wrk chooses. On two
 * cores the generator shares the machine with the server and PostgreSQL:
 * autocannon (JavaScript) used about 2 CPU ms per request, wrk (C) a fraction
 * of that, as pgbench's own client does. wrk gives each connection a thread of
 * its own, so that connection i keeps target i.
 */
import { execFile } from "child_process"
import { randomUUID } from "crypto"
import fs from "fs"
import os from "os"
import path from "path"

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

const WRK = "/usr/bin/wrk"

/** The generator this machine uses: wrk when installed (or asked for), else autocannon. */
export function loadGenerator(): "wrk" | "autocannon" {
  const asked = process.env.LOAD_GENERATOR
  if (asked === "wrk" || asked === "autocannon") return asked
  return fs.existsSync(WRK) ? "wrk" : "autocannon"
}

async function main(): Promise<void> {
  const phase = JSON.parse(process.argv[2]) as LoadPhase
  const parsed = new URL(phase.url)
  if (!["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname)) {
    throw new Error(`load only on loopback, not ${parsed.hostname}`)
  }
  const outcome = loadGenerator() === "wrk" ? await withWrk(phase) : await withAutocannon(phase)
  process.stdout.write(`${JSON.stringify(outcome)}\n`)
}

/** WRK_SHOW_FAILURE=1: the first answer that is not 2xx goes to stderr (a response hook costs wrk a body copy per answer, so only then). */
const SHOW_FIRST_FAILURE = `
local shown = false
function response(status, headers, body)
  if status >= 300 and not shown then shown = true; io.stderr:write(status .. " " .. body .. "\\n") end
end`

/** A Lua string literal. */
const lua = (s: string) => JSON.stringify(s)

/**
 * wrk with one thread per connection: thread i sends target i. Each request gets a fresh
 * Idempotency-Key and `{reference}`, made of the thread's number, a counter and a random part.
 */
async function withWrk(phase: LoadPhase): Promise<LoadOutcome> {
  const targets = phase.targets.length ? phase.targets : [null]
  const rows = targets.map((t) =>
    t ? `{ key = ${lua(t.key)}, path = ${lua(phase.path.replace("{code}", encodeURIComponent(t.code)))} }` : `{ path = ${lua(phase.path)} }`
  )
  const script = `
local targets = { ${rows.join(",\n")} }
local counter = 0
local next_thread = 0
function setup(thread)
  thread:set("index", next_thread % #targets + 1)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
end
function init(args)
  math.randomseed(os.time() + tid * 7919)
  target = targets[index]
  salt = string.format("%08x", math.random(0, 0x7fffffff))
end
local body = ${lua(phase.body ? JSON.stringify(phase.body) : "")}
function request()
  counter = counter + 1
  local unique = string.format("%s-%d-%d", salt, tid, counter)
  local headers = { ["Content-Type"] = "application/json" }
  if target.key then headers["Authorization"] = "Bearer " .. target.key end
  local b = nil
  if ${lua(phase.method)} == "POST" then
    headers["Idempotency-Key"] = unique
    b = body:gsub("{reference}", unique)
  end
  return wrk.format(${lua(phase.method)}, target.path, headers, b)
end
${process.env.WRK_SHOW_FAILURE ? SHOW_FIRST_FAILURE : ""}
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\nWRK_RESULT {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"non2xx":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
`
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cm-wrk-"))
  const file = path.join(dir, "phase.lua")
  fs.writeFileSync(file, script)
  try {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        WRK,
        ["-t", String(phase.connections), "-c", String(phase.connections), "-d", `${phase.seconds}s`, "--timeout", "10s", "-s", file, phase.url],
        { maxBuffer: 16 * 1024 * 1024 },
        (e, stdout, stderr) => (e ? reject(new Error(`wrk: ${e.message}\n${stderr}`)) : resolve(stdout))
      )
    )
    const line = /WRK_RESULT (\{.*\})/.exec(out)?.[1]
    if (!line) throw new Error(`wrk printed no result:\n${out}`)
    const r = JSON.parse(line) as { requests: number; duration_us: number; p50_us: number; p99_us: number; non2xx: number; errors: number }
    return {
      requests: r.requests,
      rps: r.requests / (r.duration_us / 1e6),
      p50_ms: r.p50_us / 1000,
      p99_ms: r.p99_us / 1000,
      non2xx: r.non2xx,
      errors: r.errors,
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function withAutocannon(phase: LoadPhase): Promise<LoadOutcome> {
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
  return {
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(e)
      process.exit(1)
    }
  )
}
