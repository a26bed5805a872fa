/**
 * The server as a merchant or an operator starts it: `npm start` with nothing
 * configured (embedded PostgreSQL, no Redis), and with an external database and
 * Redis, where readiness must name the part that stops answering.
 */
import fs from "fs"
import net from "net"
import os from "os"
import path from "path"

import { afterAll, describe, expect, it } from "vitest"

import { adminToken, api } from "../support/api"
import { createDatabaseFromTemplate, dropDatabase, ensureTemplate } from "../support/database"
import { descendants, freePort, isRunning, RunningServer, startServer } from "../support/server"

const running: RunningServer[] = []
const cleanups: (() => Promise<void>)[] = []

afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()))
  for (const cleanup of cleanups) {
    await cleanup()
  }
})

describe("npm start with no configuration", () => {
  it("runs on an embedded PostgreSQL, seeds the demo once and keeps it across restarts", { timeout: 240_000 }, async () => {
    // PostgreSQL runs as an unprivileged user: its data directory's parent must be readable by it.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cm-embedded-"))
    fs.chmodSync(dataDir, 0o755)
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }))
    const env = {
      DATABASE_URL: "",
      REDIS_URL: "",
      ADMIN_EMAIL: "",
      ADMIN_PASSWORD: "",
      // Nothing configured: the demo makes its own secrets and admin password.
      JWT_SECRET: "",
      COOKIE_SECRET: "",
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
    }

    const first = await startServer({ name: "embedded-1", env, readyTimeout_ms: 180_000 })
    running.push(first)
    const regions = await api("/store/regions", { baseUrl: first.url })
    expect(regions.body.regions).toEqual([expect.objectContaining({ name: "Deutschland", currency_code: "eur" })])
    const ready = await api("/health/ready", { baseUrl: first.url })
    expect(ready.body).toEqual({
      status: "ready",
      failing: [],
      checks: { database: "ok", redis: "not configured" },
    })
    // The demo's secrets and admin password are random, made once and kept with its data.
    const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf-8"))
    expect(fs.statSync(path.join(dataDir, "secrets.json")).mode & 0o077).toBe(0)
    expect(secrets.jwt_secret.length).toBeGreaterThanOrEqual(32)
    expect(secrets.cookie_secret.length).toBeGreaterThanOrEqual(32)
    expect(secrets.admin_password).not.toBe("supersecret")
    await expect(adminToken({ email: "admin@example.com", password: "supersecret" }, first.url)).rejects.toThrow()
    await expect(
      adminToken({ email: "admin@example.com", password: secrets.admin_password }, first.url)
    ).resolves.toEqual(expect.any(String))
    // The entry point prints the admin URL once the server answers, so the line may trail the first requests.
    await expect
      .poll(() => fs.readFileSync(first.logFile, "utf-8"), { timeout: 15_000 })
      .toContain(`log in as admin@example.com / ${secrets.admin_password}`)
    const log = fs.readFileSync(first.logFile, "utf-8")
    expect(log.match(/WARNING: REDIS_URL is not set/g)).toHaveLength(1)
    expect(log).toMatch(/seeded: region Deutschland \(EUR\), 5 customers, 5 products/)
    expect(fs.existsSync(path.join(dataDir, "postgres", "PG_VERSION"))).toBe(true)

    // Medusa and the embedded PostgreSQL run below the entry point.
    const tree = descendants(first.process.pid!)
    expect(tree.length).toBeGreaterThan(1)
    // The entry point stops Medusa, then the database: a clean exit, no pid file, no process left.
    expect(await first.stop()).toBe(0)
    running.splice(running.indexOf(first), 1)
    expect(fs.existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false)
    expect(tree.filter(isRunning)).toEqual([])

    const second = await startServer({ name: "embedded-2", env, readyTimeout_ms: 180_000 })
    running.push(second)
    expect(fs.readFileSync(second.logFile, "utf-8")).toContain("demo data already present, nothing seeded")
    const again = await api("/store/regions", { baseUrl: second.url })
    expect(again.body.regions).toHaveLength(1)
    // The same secrets and login after the restart.
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf-8"))).toEqual(secrets)
    await expect(
      adminToken({ email: "admin@example.com", password: secrets.admin_password }, second.url)
    ).resolves.toEqual(expect.any(String))
  })
})

describe("with an external database and Redis", () => {
  it("creates the ADMIN_EMAIL user and reports Redis as failing when it stops answering", { timeout: 180_000 }, async () => {
    const name = `cm_test_modes_${Date.now().toString(36)}`
    const databaseUrl = await createDatabaseFromTemplate(await ensureTemplate(), name)
    cleanups.push(() => dropDatabase(name))
    const proxy = await redisProxy(6379)
    cleanups.push(() => proxy.close())

    const server = await startServer({
      name: "external",
      env: {
        DATABASE_URL: databaseUrl,
        REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
        REDIS_NAMESPACE: `cmtest-${name}`,
        ADMIN_EMAIL: "ops@example.com",
        ADMIN_PASSWORD: "a-long-ops-password",
        SHUTDOWN_GRACE_MS: "3000",
      },
    })
    running.push(server)

    await expect(
      adminToken({ email: "ops@example.com", password: "a-long-ops-password" }, server.url)
    ).resolves.toEqual(expect.any(String))
    expect((await api("/health/ready", { baseUrl: server.url })).status).toBe(200)
    // An external database is never seeded unless asked.
    expect(fs.readFileSync(server.logFile, "utf-8")).not.toContain("seeded")
    // A real installation's log names the setting, never the operator's address.
    await expect.poll(() => fs.readFileSync(server.logFile, "utf-8"), { timeout: 15_000 }).toContain("log in as ADMIN_EMAIL / ADMIN_PASSWORD")
    expect(fs.readFileSync(server.logFile, "utf-8")).not.toContain("ops@example.com")

    await proxy.close()
    const res = await api("/health/ready", { baseUrl: server.url })
    expect(res.status).toBe(503)
    expect(res.body).toEqual(
      expect.objectContaining({ status: "unavailable", failing: ["redis"], checks: expect.objectContaining({ database: "ok" }) })
    )
    expect((await api("/health", { baseUrl: server.url })).status).toBe(200)

    // Medusa's own shutdown on a dead Redis mostly hangs: then the entry point kills it after the
    // grace period and says so (exit 1); now and then it finishes by itself (exit 0). Either way the
    // stop ends and nothing of the server is left running (a killed process may take a moment to be reaped).
    const tree = descendants(server.process.pid!)
    expect(tree.length).toBeGreaterThan(0)
    const code = await server.stop()
    running.splice(running.indexOf(server), 1)
    expect([0, 1]).toContain(code)
    if (code === 1) {
      expect(fs.readFileSync(server.logFile, "utf-8")).toContain("did not stop within 3 s of SIGTERM: killed")
    }
    await expect.poll(() => tree.filter(isRunning), { timeout: 5_000 }).toEqual([])
  })
})

/** A TCP proxy to the real Redis that the test can cut, as a network failure would. */
async function redisProxy(target: number): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    const upstream = net.connect(target, "127.0.0.1")
    sockets.add(client).add(upstream)
    client.pipe(upstream).pipe(client)
    const drop = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on("error", drop).on("close", drop)
    upstream.on("error", drop).on("close", drop)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  let closed = false
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      if (closed) {
        return
      }
      closed = true
      for (const s of sockets) {
        s.destroy()
      }
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
