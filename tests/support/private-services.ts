/**
 * A PostgreSQL cluster and a Redis server of the test's own (own data
 * directory and ports), for fault tests that stop and restart them: the
 * machine's shared services are never touched. The cluster gets a copy of the
 * migrated, seeded template (pg_dump from the shared server, read only).
 */
import { ChildProcess, execFileSync, spawn } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"

import { databaseUrl, ensureTemplate } from "./database"
import { freePort } from "./server"

const PG_BIN = (() => {
  const root = "/usr/lib/postgresql"
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : []
  for (const v of versions) {
    if (fs.existsSync(path.join(root, v, "bin", "pg_ctl"))) {
      return path.join(root, v, "bin")
    }
  }
  throw new Error("no PostgreSQL server binaries under /usr/lib/postgresql")
})()

/** Runs a PostgreSQL binary as the `postgres` user (initdb and pg_ctl refuse root). */
function asPostgres(bin: string, args: string[]): string {
  const command = [path.join(PG_BIN, bin), ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ")
  const asRoot = process.getuid?.() === 0
  return execFileSync(asRoot ? "su" : "sh", asRoot ? ["postgres", "-s", "/bin/sh", "-c", command] : ["-c", command], {
    encoding: "utf-8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000,
  })
}

export type PrivatePostgres = {
  port: number
  url: string
  stop(mode?: "fast" | "immediate"): void
  start(): void
  /** Stops and removes the cluster. */
  destroy(): void
}

export async function startPrivatePostgres(database: string): Promise<PrivatePostgres> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "cm-pg-"))
  fs.chmodSync(base, 0o777)
  const dir = path.join(base, "data")
  const log = path.join(base, "server.log")
  const port = await freePort()
  if (process.getuid?.() === 0) {
    execFileSync("chown", ["postgres", base])
  }
  asPostgres("initdb", ["-D", dir, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"])
  const options = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`
  const start = () => void asPostgres("pg_ctl", ["-D", dir, "-l", log, "-w", "-t", "60", "-o", options, "start"])
  const stop = (mode: "fast" | "immediate" = "fast") => void asPostgres("pg_ctl", ["-D", dir, "-m", mode, "-w", "-t", "60", "stop"])
  start()
  const url = `postgres://postgres@127.0.0.1:${port}/${database}`
  const psql = path.join(PG_BIN, "psql")
  execFileSync(psql, ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", "postgres", "-qc", `CREATE DATABASE ${database}`])
  // The template copy, through a dump of the shared server's template database (read only there).
  const template = await ensureTemplate()
  const dump = execFileSync(path.join(PG_BIN, "pg_dump"), ["--no-owner", "--no-privileges", "-d", databaseUrl(template)], {
    maxBuffer: 512 * 1024 * 1024,
  })
  execFileSync(psql, ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", database, "-q", "-v", "ON_ERROR_STOP=1"], {
    input: dump,
    stdio: ["pipe", "ignore", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  })
  let destroyed = false
  return {
    port,
    url,
    stop,
    start,
    destroy() {
      if (destroyed) {
        return
      }
      destroyed = true
      try {
        stop("immediate")
      } catch {
        // not running
      }
      fs.rmSync(base, { recursive: true, force: true })
    },
  }
}

export type PrivateRedis = {
  port: number
  url: string
  stop(): Promise<void>
  start(): Promise<void>
}

/** A `redis-server` child on a free port, without persistence; `stop` ends it, `start` brings it back on the same port. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort()
  let child: ChildProcess | null = null
  const start = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" })
    const deadline = Date.now() + 10_000
    for (;;) {
      try {
        const pong = execFileSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf-8", stdio: ["ignore", "pipe", "ignore"] })
        if (pong.trim() === "PONG") {
          return
        }
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) {
        throw new Error("private redis-server did not start")
      }
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  const stop = async () => {
    const c = child
    child = null
    if (!c || c.exitCode !== null) {
      return
    }
    const exited = new Promise((r) => c.once("exit", r))
    c.kill("SIGKILL")
    await exited
  }
  await start()
  return { port, url: `redis://127.0.0.1:${port}`, stop, start }
}
