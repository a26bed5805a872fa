/**
 * Boots the real server (`dist/scripts/cli.js start`, as `npm start` does) on a
 * free port and stops it again. Used by the global setup and by tests that need
 * a server of their own (embedded database, broken Redis).
 */
import { ChildProcess, spawn } from "child_process"
import fs from "fs"
import net from "net"
import path from "path"

export const ROOT = path.resolve(__dirname, "..", "..")
export const LOG_DIR = path.join(ROOT, ".data", "test-logs")

/**
 * The secrets every test server (and the template's seed) runs with unless a test sets its
 * own: the server refuses to start without secrets of at least 32 characters.
 */
export const TEST_SECRETS = {
  JWT_SECRET: "test-jwt-secret-0123456789abcdefghijklmnop",
  COOKIE_SECRET: "test-cookie-secret-0123456789abcdefghijklmnop",
}

export type RunningServer = {
  url: string
  port: number
  logFile: string
  process: ChildProcess
  /** SIGTERM, then waits for the exit; resolves to the exit code. */
  stop(): Promise<number | null>
}

/** The pids of every process below `root` (children, grandchildren…), read from /proc. */
export function descendants(root: number): number[] {
  const parentOf = new Map<number, number>()
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      // "pid (comm) state ppid …": the command may hold spaces and parentheses, so read after the last ")".
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf-8")
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]))
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = []
  const walk = (pid: number) => {
    for (const [child, parent] of parentOf) {
      if (parent === pid) {
        found.push(child)
        walk(child)
      }
    }
  }
  walk(root)
  return found
}

/** Whether a process still runs (a zombie waiting for its parent counts as gone). */
export function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf-8")
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z"
  } catch {
    return false
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on("error", reject)
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

export async function startServer(opts: {
  name: string
  env: NodeJS.ProcessEnv
  readyTimeout_ms?: number
}): Promise<RunningServer> {
  const port = await freePort()
  fs.mkdirSync(LOG_DIR, { recursive: true })
  const logFile = path.join(LOG_DIR, `${opts.name}.log`)
  const log = fs.openSync(logFile, "w")
  const child = spawn(process.execPath, [path.join(ROOT, "dist", "scripts", "cli.js"), "start"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "development", MEDUSA_DISABLE_TELEMETRY: "true", ...TEST_SECRETS, ...opts.env, PORT: String(port) },
    stdio: ["ignore", log, log],
  })
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + (opts.readyTimeout_ms ?? 150_000)
  let ready = false
  while (!ready && Date.now() < deadline && child.exitCode === null) {
    ready = await fetch(`${url}/health`).then((r) => r.ok, () => false)
    if (!ready) {
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  if (!ready) {
    child.kill("SIGKILL")
    const tail = fs.readFileSync(logFile, "utf-8").split("\n").slice(-40).join("\n")
    throw new Error(`server ${opts.name} did not become healthy; last log lines:\n${tail}`)
  }
  return {
    url,
    port,
    logFile,
    process: child,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM")
        const timer = setTimeout(() => child.kill("SIGKILL"), 20_000)
        const code = await exited
        clearTimeout(timer)
        fs.closeSync(log)
        return code
      }
      fs.closeSync(log)
      return child.exitCode
    },
  }
}
