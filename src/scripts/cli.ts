/**
 * The server's entry point: `start`, `worker`, `migrate`, `seed`, `ledger:verify`.
 *
 * With no DATABASE_URL it starts an embedded PostgreSQL under ./.data and seeds
 * the demo data on the first start; with DATABASE_URL and REDIS_URL it runs as in
 * production and seeds nothing unless SEED_DEMO=1. Medusa itself runs as a child
 * process, so the embedded database outlives it and is stopped last.
 */
import { ChildProcess, spawn } from "child_process"
import path from "path"

import { demoSecrets } from "./lib/demo-secrets"
import { EmbeddedDatabase, startEmbeddedPostgres } from "./lib/embedded-postgres"
import { parseTrustProxy } from "./lib/trust-proxy"

const ROOT = path.resolve(__dirname, "..", "..")
const MEDUSA_CLI = require.resolve("@medusajs/medusa/cli.js", { paths: [ROOT] })
const DEFAULT_PORT = 9000
/** `--max-old-space-size` of the Medusa process unless HEAP_LIMIT_MB or NODE_OPTIONS says otherwise. */
const DEFAULT_HEAP_LIMIT_MB = 384
const DEFAULT_EMBEDDED_PG_PORT = 54329
/** How long a child may take to stop after a stop signal before it is killed (running jobs get up to 10 s of it). */
const SHUTDOWN_GRACE_MS = Number(process.env.SHUTDOWN_GRACE_MS) > 0 ? Number(process.env.SHUTDOWN_GRACE_MS) : 15_000

type Command = "start" | "worker" | "migrate" | "seed" | "ledger:verify"

const log = (message: string) => console.log(`[customer-modules] ${message}`)

/**
 * The child running now (migrations, seed, Medusa) and the stop signal received, if any. The entry
 * point passes SIGINT, SIGTERM and SIGHUP on to that child and waits for it, so that the embedded
 * database is stopped after it; a child that does not exit within the grace period is killed.
 */
let current: { child: ChildProcess; what: string } | undefined
let stopSignal: NodeJS.Signals | undefined

function onStopSignal(signal: NodeJS.Signals): void {
  stopSignal ??= signal
  if (current) {
    const { child, what } = current
    child.kill(signal)
    setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) {
        log(`${what} did not stop within ${SHUTDOWN_GRACE_MS / 1000} s of ${signal}: killed`)
        child.kill("SIGKILL")
      }
    }, SHUTDOWN_GRACE_MS).unref()
  }
}

/** Spawns a node script as the current child; refused once a stop signal came. */
function spawnChild(what: string, args: string[], env: NodeJS.ProcessEnv, stdio: "pipe" | "inherit"): ChildProcess {
  if (stopSignal) {
    throw new Error(`stopped by ${stopSignal}`)
  }
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio })
  current = { child, what }
  child.on("exit", () => {
    if (current?.child === child) {
      current = undefined
    }
  })
  return child
}

async function main(command: Command): Promise<number> {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, onStopSignal)
  }
  // Medusa's telemetry spawns a sender per event that, with no route to its
  // endpoint, lingers and grows to gigabytes: off unless explicitly enabled.
  const env: NodeJS.ProcessEnv = { MEDUSA_DISABLE_TELEMETRY: "true", ...process.env }
  let database: EmbeddedDatabase | undefined
  // A wrong TRUST_PROXY stops the start here, before anything runs (Medusa's process applies it).
  parseTrustProxy(env.TRUST_PROXY)

  if (!env.DATABASE_URL) {
    if (command === "worker") {
      throw new Error("A separate worker needs the shared DATABASE_URL and REDIS_URL of the server.")
    }
    const dataDir = path.resolve(ROOT, env.DATA_DIR || ".data")
    const port = Number(env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PG_PORT)
    log(`DATABASE_URL is not set: starting the embedded PostgreSQL (data in ${path.join(dataDir, "postgres")}, port ${port})`)
    // The demo's own random secrets; what the environment sets wins.
    const secrets = demoSecrets(dataDir)
    env.JWT_SECRET ||= secrets.jwt_secret
    env.COOKIE_SECRET ||= secrets.cookie_secret
    env.CM_DEMO_ADMIN_PASSWORD = secrets.admin_password
    database = await startEmbeddedPostgres(path.join(dataDir, "postgres"), port)
    env.DATABASE_URL = database.url
    env.CM_EMBEDDED = "1"
  }
  if (!env.REDIS_URL && (command === "start" || command === "worker")) {
    if (command === "worker") {
      throw new Error("A separate worker needs REDIS_URL: without Redis the server runs its jobs itself.")
    }
    console.warn(
      "[customer-modules] WARNING: REDIS_URL is not set. Events use Medusa's local event bus and jobs run " +
        "inside this process; scheduled jobs are off and nothing is shared between instances. " +
        "Fine for a demo, not for production."
    )
  }

  try {
    if (command === "ledger:verify") {
      const script = require.resolve("@customer-modules/ledger/dist/scripts/verify.js", { paths: [ROOT] })
      await run([script], env, "ledger verification")
      return 0
    }
    if (command !== "worker") {
      await run([MEDUSA_CLI, "migrations", "run"], env, "migrations", quietMigrations)
    }
    const seed = command === "seed" || (command === "start" && (env.CM_EMBEDDED === "1" || env.SEED_DEMO === "1"))
    if (seed) {
      // The seed needs no admin UI: leave the admin plugin out of its process.
      await run([path.join(__dirname, "seed-demo.js")], { ...env, CM_WITHOUT_ADMIN: "1" }, "demo data")
    }
    if (command === "start" || command === "worker") {
      return await serve(command, env)
    }
    return 0
  } finally {
    await database?.stop()
  }
}

type OutputFilter = (output: string, ok: boolean) => string

/**
 * Medusa's migration command logs every SQL statement: keep the names of the
 * migrations it ran, and the whole output only when it failed.
 */
const quietMigrations: OutputFilter = (output, ok) => {
  if (!ok) {
    return output
  }
  const ran = output.match(/^Migration \S+ has been {1,2}executed successfully\.$/gm) ?? []
  return ran.length ? `${ran.length} migrations executed\n` : "database schema is up to date\n"
}

/** Runs a node script to completion; rejects when it fails. */
function run(args: string[], env: NodeJS.ProcessEnv, what: string, filter?: OutputFilter): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnChild(what, args, env, filter ? "pipe" : "inherit")
    const chunks: Buffer[] = []
    child.stdout?.on("data", (c: Buffer) => chunks.push(c))
    child.stderr?.on("data", (c: Buffer) => chunks.push(c))
    child.on("error", reject)
    child.on("exit", (code, signal) => {
      if (filter) {
        process.stdout.write(`[customer-modules] ${what}: ${filter(Buffer.concat(chunks).toString(), code === 0)}`)
      }
      if (code === 0) {
        resolve()
      } else {
        reject(new Error(`${what} failed (${signal ?? `exit code ${code}`})`))
      }
    })
  })
}

/** Runs `medusa start` until it exits; the stop signals reach it through `onStopSignal`. */
function serve(command: "start" | "worker", env: NodeJS.ProcessEnv): Promise<number> {
  const port = Number(env.PORT ?? (command === "worker" ? DEFAULT_PORT + 1 : DEFAULT_PORT))
  if (command === "worker") {
    env.MEDUSA_WORKER_MODE = "worker"
  }
  // A bounded old generation: without it V8 lets the heap (and RSS) grow for long under load before it collects.
  const heapLimit = /--max-old-space-size/.test(env.NODE_OPTIONS ?? "") ? [] : [`--max-old-space-size=${Number(env.HEAP_LIMIT_MB) || DEFAULT_HEAP_LIMIT_MB}`]
  const preloads = ["native-builtins-preload.js", "trust-proxy-preload.js"].flatMap((f) => ["-r", path.join(__dirname, "lib", f)])
  const child = spawnChild(`medusa ${command}`, [...heapLimit, ...preloads, MEDUSA_CLI, "start", "--port", String(port)], env, "inherit")
  if (command === "start") {
    void announce(port, env)
  }
  return new Promise((resolve) => {
    // Stopped by the forwarded signal: a clean stop. Killed after the grace period: a failed one.
    child.on("exit", (code, signal) => resolve(code ?? (signal && signal !== "SIGKILL" ? 0 : 1)))
  })
}

/** Once the server answers, prints where the admin is and, for the demo, how to log in. */
async function announce(port: number, env: NodeJS.ProcessEnv): Promise<void> {
  const base = `http://localhost:${port}`
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      const res = await fetch(`${base}/health`)
      if (res.ok) {
        // The same defaults as medusa-config.js: the demo login only in embedded mode.
        const embedded = env.CM_EMBEDDED === "1"
        // The demo shows its login; a real installation's log names no address (ADMIN_EMAIL is the operator's own).
        const login = !embedded
          ? env.ADMIN_EMAIL
            ? "ADMIN_EMAIL / ADMIN_PASSWORD"
            : undefined
          : `${env.ADMIN_EMAIL || "admin@example.com"} / ${env.ADMIN_PASSWORD ? "(ADMIN_PASSWORD)" : env.CM_DEMO_ADMIN_PASSWORD}`
        log(`Server ready on ${base}`)
        log(`Admin:     ${base}/app${login ? `  (log in as ${login})` : ""}`)
        log(`Store API: ${base}/store   POS API: ${base}/store/pos`)
        return
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
}

const command = process.argv[2] as Command
if (!["start", "worker", "migrate", "seed", "ledger:verify"].includes(command)) {
  console.error("usage: cli.js start|worker|migrate|seed|ledger:verify")
  process.exit(2)
}
main(command).then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`[customer-modules] ${e.message}`)
    process.exit(1)
  }
)
