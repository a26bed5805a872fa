/**
 * Scale-out as the README describes it: two API instances (MEDUSA_WORKER_MODE=server)
 * behind a load balancer and one worker, on one PostgreSQL and one Redis. Whatever
 * one instance knows in its process (cached terminal keys) must never let a
 * till do on B what A has already refused or done.
 */
import { randomUUID } from "crypto"

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"

import { adminToken, api, ApiResponse } from "../support/api"
import { ADMIN, createDatabaseFromTemplate, dropDatabase, ensureTemplate } from "../support/database"
import { RunningServer, startServer } from "../support/server"

let database: string
let a: RunningServer
let b: RunningServer
let worker: RunningServer
let token: string
let locationId: string

beforeAll(async () => {
  database = `cm_scale_${Date.now().toString(36)}${process.pid}`
  const databaseUrl = await createDatabaseFromTemplate(await ensureTemplate(), database)
  const env = (mode: string) => ({
    DATABASE_URL: databaseUrl,
    REDIS_URL: inject("redisUrl"),
    REDIS_NAMESPACE: `cmscale-${database}`,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET: "scale-out-jwt-secret-shared-by-every-instance",
    COOKIE_SECRET: "scale-out-cookie-secret-shared-by-every-instance",
    MEDUSA_WORKER_MODE: mode,
  })
  a = await startServer({ name: "scale-out-a", env: env("server") })
  ;[b, worker] = await Promise.all([
    startServer({ name: "scale-out-b", env: env("server") }),
    startServer({ name: "scale-out-worker", env: env("worker") }),
  ])
  token = await adminToken(ADMIN, a.url)
  const location = await api("/admin/pos/locations", { baseUrl: a.url, token, body: { name: "Scale-out", time_zone: "Europe/Berlin" } })
  expect(location.status, location.text).toBe(201)
  locationId = location.body.location.id
}, 300_000)

afterAll(async () => {
  await Promise.all([a, b, worker].filter(Boolean).map((s) => s.stop()))
  if (database) await dropDatabase(database)
})

async function terminalKey(): Promise<{ id: string; key: string }> {
  const res = await api("/admin/pos/terminals", {
    baseUrl: a.url,
    token,
    body: { name: `Till ${randomUUID().slice(0, 8)}`, location_id: locationId, scopes: ["gift_card"] },
  })
  expect(res.status, res.text).toBe(201)
  return { id: res.body.terminal.id, key: res.body.key }
}

function pos(server: RunningServer, key: string, path: string, body?: unknown, idempotencyKey = randomUUID()): Promise<ApiResponse> {
  return api(path, { baseUrl: server.url, token: key, body, headers: body === undefined ? {} : { "idempotency-key": idempotencyKey } })
}

async function sellVoucher(key: string, amount: number): Promise<string> {
  const sold = await pos(a, key, "/store/pos/gift-cards", { amount, currency_code: "eur" })
  expect(sold.status, sold.text).toBe(201)
  return sold.body.gift_card.code
}

describe("two API instances and a worker on one database and Redis", () => {
  it("lets concurrent redemptions spread over both instances take exactly what the voucher holds", async () => {
    const { key } = await terminalKey()
    const code = await sellVoucher(key, 100)
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => pos(i % 2 ? b : a, key, `/store/pos/gift-cards/${code}/redeem`, { amount: 10 }))
    )
    const statuses = answers.map((r) => r.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(10)
    expect(statuses.filter((s) => s === 409)).toHaveLength(30)
    expect(answers.filter((r) => r.status === 409).every((r) => r.body.type === "insufficient_balance")).toBe(true)
    for (const server of [a, b]) {
      const card = await pos(server, key, `/store/pos/cards/${code}`)
      expect(card.body.card.accounts[0].balance).toBe(0)
    }
    const verify = await api("/admin/ledger/verify", { baseUrl: b.url, token })
    expect(verify.status, verify.text).toBe(200)
    expect(verify.body).toEqual(expect.objectContaining({ mismatches: [], broken_chains: [] }))
  })

  it("replays on B the answer A gave for the same Idempotency-Key, and takes the money once", async () => {
    const { key } = await terminalKey()
    const code = await sellVoucher(key, 500)
    const idempotencyKey = randomUUID()
    const first = await pos(a, key, `/store/pos/gift-cards/${code}/redeem`, { amount: 120, reference: "receipt 7" }, idempotencyKey)
    expect(first.status, first.text).toBe(200)
    const replay = await pos(b, key, `/store/pos/gift-cards/${code}/redeem`, { amount: 120, reference: "receipt 7" }, idempotencyKey)
    expect(replay.status).toBe(200)
    expect(replay.headers.get("idempotent-replayed")).toBe("true")
    expect(replay.text).toBe(first.text)
    const card = await pos(b, key, `/store/pos/cards/${code}`)
    expect(card.body.card.accounts[0].balance).toBe(380)
  })

  it("refuses on B, at its very next call, a key revoked through A", async () => {
    const { id, key } = await terminalKey()
    const code = await sellVoucher(key, 1000)
    // B has seen (and cached) the key.
    for (let i = 0; i < 3; i++) {
      expect((await pos(b, key, `/store/pos/cards/${code}`)).status).toBe(200)
    }
    const revoked = await api(`/admin/pos/terminals/${id}`, { baseUrl: a.url, token, method: "DELETE" })
    expect(revoked.status, revoked.text).toBe(200)
    const onB = await pos(b, key, `/store/pos/gift-cards/${code}/redeem`, { amount: 1 })
    expect(onB.status).toBe(401)
    expect(onB.body.type).toBe("unauthorized")
    expect((await pos(a, key, `/store/pos/cards/${code}`)).status).toBe(401)
    const terminal = await api(`/admin/pos/terminals/${id}`, { baseUrl: b.url, token })
    expect(terminal.body.terminal.status).toBe("revoked")
  })
})
