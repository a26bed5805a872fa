/**
 * What anyone on the internet can do with no key and no login: forge tokens, rely on
 * default secrets, start a server that was left unconfigured, guess terminal keys and
 * codes on public routes, and pretend to come from elsewhere through proxies.
 */
import { spawn } from "child_process"
import { createHmac, randomUUID } from "crypto"
import path from "path"

import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { parseTrustProxy } from "../../src/scripts/lib/trust-proxy"
import { adminApi, adminToken, api } from "../support/api"
import { createDatabaseFromTemplate, dropDatabase, ensureTemplate } from "../support/database"
import { clientIp, createTerminal, posApi } from "../support/pos"
import { ROOT, RunningServer, startServer, TEST_SECRETS } from "../support/server"

/** An HS256 JWT as Medusa signs its admin tokens. */
function signJwt(payload: Record<string, unknown>, secret: string): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url")
  const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part({ iat: Math.floor(Date.now() / 1000), ...payload })}`
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`
}

/** Runs the entry point with exactly `env` (plus PATH) until it exits; its exit code and output. */
function runEntryPoint(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "dist", "scripts", "cli.js"), "start"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", MEDUSA_DISABLE_TELEMETRY: "true", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let output = ""
    child.stdout.on("data", (c: Buffer) => (output += c.toString()))
    child.stderr.on("data", (c: Buffer) => (output += c.toString()))
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000)
    child.on("exit", (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

describe("internet: secrets and forged admin tokens", () => {
  it("refuses a token signed with the old default secret", async () => {
    const forged = signJwt({ user_id: "usr_forged", domain: "admin" }, "supersecret")
    const res = await api("/admin/pos/terminals", { token: forged })
    expect(res.status).toBe(401)
  })

  it("refuses a correctly signed token for a user that does not exist", async () => {
    const forged = signJwt({ user_id: `usr_${randomUUID().replace(/-/g, "")}`, domain: "admin" }, TEST_SECRETS.JWT_SECRET)
    expect((await api("/admin/pos/terminals", { token: forged })).status).toBe(401)
    // The real admin's token still opens the same route.
    expect((await adminApi("/admin/pos/terminals")).status).toBe(200)
  })

  it("refuses the token of a user deleted after it was issued", async () => {
    const email = `gone-${randomUUID().slice(0, 8)}@example.com`
    const created = await adminApi("/admin/users", { body: { email, password: "a-long-password-1", role: "member" } })
    expect(created.status).toBe(200)
    const token = await adminToken({ email, password: "a-long-password-1" })
    expect((await api("/admin/pos/terminals", { token })).status).toBe(200)

    expect((await adminApi(`/admin/users/${created.body.user.id}`, { method: "DELETE" })).status).toBe(200)
    expect((await api("/admin/pos/terminals", { token })).status).toBe(401)
  })

  it("refuses a store-domain token on the admin API", async () => {
    const forged = signJwt({ customer_id: "cus_x", domain: "store" }, TEST_SECRETS.JWT_SECRET)
    expect((await api("/admin/pos/terminals", { token: forged })).status).toBe(401)
  })

  it("will not start against a real database without secrets, whatever NODE_ENV says", { timeout: 120_000 }, async () => {
    for (const NODE_ENV of ["development", ""]) {
      const { code, output } = await runEntryPoint({
        NODE_ENV,
        DATABASE_URL: "postgres://postgres@127.0.0.1:5432/cm_never_used",
        PORT: "1",
      })
      expect(code).toBe(1)
      expect(output).toContain("JWT_SECRET is unset or left at its default; refusing to start")
      expect(output).not.toContain("Server ready")
    }
  })

  it("will not start with a short secret", { timeout: 120_000 }, async () => {
    const { code, output } = await runEntryPoint({
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/cm_never_used",
      JWT_SECRET: "supersecret",
      COOKIE_SECRET: TEST_SECRETS.COOKIE_SECRET,
      PORT: "1",
    })
    expect(code).toBe(1)
    expect(output).toContain("JWT_SECRET is shorter than 32 characters")
  })
})

describe("internet: bad keys, proxies and public code lookups", () => {
  /** Default per-IP limit of the main test server (POS_MISSES_PER_IP). */
  const PER_IP = 100
  let till: string
  let knownCode: string
  let cartId: string

  beforeAll(async () => {
    till = (await createTerminal({ scopes: ["gift_card"] })).key
    const sold = await posApi("/store/pos/gift-cards", { key: till, body: { amount: 1000, currency_code: "eur" } })
    expect(sold.status, sold.text).toBe(201)
    knownCode = sold.body.gift_card.code
    const regions = await api("/store/regions")
    const regionId = regions.body.regions.find((r: { currency_code: string }) => r.currency_code === "eur").id
    const cart = await api("/store/carts", { body: { region_id: regionId } })
    expect(cart.status, cart.text).toBe(200)
    cartId = cart.body.cart.id
  })

  const badKey = () => `pos_${randomUUID().replace(/-/g, "")}`
  const lookup = (key: string, code: string, ip: string) =>
    posApi(`/store/pos/cards/${encodeURIComponent(code)}`, { key, headers: { "x-forwarded-for": ip } })
  const apply = (code: string, ip: string, cart = cartId) =>
    api(`/store/carts/${cart}/vouchers`, { body: { code }, headers: { "x-forwarded-for": ip } })

  it("blocks bad terminal keys per client IP, while a valid key from that IP keeps working", async () => {
    const ip = clientIp()
    const answers = await Promise.all(Array.from({ length: PER_IP + 10 }, () => lookup(badKey(), knownCode, ip)))
    expect(answers.filter((r) => r.status === 401)).toHaveLength(PER_IP)
    const blocked = answers.filter((r) => r.status === 429)
    expect(blocked).toHaveLength(10)
    expect(blocked[0].body.type).toBe("too_many_requests")
    expect(Number(blocked[0].headers.get("retry-after"))).toBeGreaterThan(0)
    // Without a key at all, the same.
    expect((await api("/store/pos/cards/x", { headers: { "x-forwarded-for": ip } })).status).toBe(429)

    const valid = await lookup(till, knownCode, ip)
    expect(valid.status, valid.text).toBe(200)
    expect((await lookup(badKey(), knownCode, clientIp())).status).toBe(401)
  })

  it("answers a range-numbered voucher on the public cart route as unknown, while the till takes it", async () => {
    const prefix = `W${randomUUID().replace(/[^a-f]/g, "").slice(0, 5).toUpperCase().padEnd(5, "X")}`
    const range = await adminApi("/admin/ledger/code-ranges", { body: { name: `Web ${prefix}`, card_kind: "gift_card", prefix, start: 1, end: 999 } })
    expect(range.status, range.text).toBe(201)
    const batch = await adminApi("/admin/vouchers/batch", { body: { currency_code: "eur", count: 2, range_id: range.body.code_range.id }, headers: { "idempotency-key": randomUUID() } })
    expect(batch.status, batch.text).toBe(201)
    const [first, second] = [`${prefix}001`, `${prefix}002`]
    const sold = await posApi("/store/pos/gift-cards", { key: till, body: { amount: 500, currency_code: "eur", code: first } })
    expect(sold.status, sold.text).toBe(201)

    const ip = clientIp()
    const walked = await apply(first, ip)
    expect(walked.status).toBe(404)
    expect(walked.body).toEqual((await apply(`${prefix}998`, ip)).body)
    expect((await apply(second, ip)).status).toBe(404)
    expect((await api(`/store/carts/${cartId}`)).body.cart.gift_card_total).toBe(0)

    // A generated code still pays online; the range voucher is used at the till.
    const generated = await apply(knownCode, clientIp())
    expect(generated.status, generated.text).toBe(200)
    expect((await api(`/store/carts/${cartId}/vouchers/${encodeURIComponent(knownCode)}`, { method: "DELETE" })).status).toBe(200)
    const atTill = await posApi(`/store/pos/gift-cards/${first}/redeem`, { key: till, body: { amount: 200 } })
    expect(atTill.status, atTill.text).toBe(200)
    expect(atTill.body.gift_card.balance).toBe(300)
  })

  it("counts a found but unusable voucher on the public route as a miss", async () => {
    const batch = await adminApi("/admin/vouchers/batch", { body: { currency_code: "eur", count: 1 }, headers: { "idempotency-key": randomUUID() } })
    expect(batch.status, batch.text).toBe(201)
    const inactive = batch.body.gift_cards[0].code
    const ip = clientIp()
    const answers: number[] = []
    for (let i = 0; i < PER_IP + 1; i++) {
      answers.push((await apply(inactive, ip)).status)
    }
    expect(answers.slice(0, PER_IP)).toEqual(Array(PER_IP).fill(409))
    expect(answers[PER_IP]).toBe(429)
    // Blocked for every lookup: a voucher that would pay waits as well.
    expect((await apply(knownCode, ip)).status).toBe(429)
  })

  describe("behind a reverse proxy (a server of its own with TRUST_PROXY and POS_MISSES_PER_IP=5)", () => {
    const LIMIT = 5
    const PROXY = "10.9.9.9"
    let server: RunningServer | undefined
    let database: string | undefined

    beforeAll(async () => {
      database = `cm_test_proxy_${Date.now().toString(36)}${process.pid}`
      const databaseUrl = await createDatabaseFromTemplate(await ensureTemplate(), database)
      server = await startServer({
        name: "trust-proxy",
        env: {
          DATABASE_URL: databaseUrl,
          REDIS_URL: process.env.REDIS_URL || "redis://127.0.0.1:6379",
          REDIS_NAMESPACE: `cmtest-${database}`,
          TRUST_PROXY: `loopback, ${PROXY}`,
          POS_MISSES_PER_IP: String(LIMIT),
        },
      })
    }, 180_000)

    afterAll(async () => {
      await server?.stop()
      if (database) {
        await dropDatabase(database)
      }
    })

    const badCall = (forwardedFor: string) =>
      api("/store/pos/cards/x", { baseUrl: server!.url, token: badKey(), headers: { "x-forwarded-for": forwardedFor } })
    async function statuses(n: number, call: () => Promise<{ status: number }>): Promise<number[]> {
      const out: number[] = []
      for (let i = 0; i < n; i++) out.push((await call()).status)
      return out
    }

    it("counts each client's address, not the proxy's", async () => {
      const a = clientIp()
      expect(await statuses(LIMIT + 1, () => badCall(`${a}, ${PROXY}`))).toEqual([...Array(LIMIT).fill(401), 429])
      // Another client behind the same proxy is not blocked by the first.
      expect((await badCall(`${clientIp()}, ${PROXY}`)).status).toBe(401)
    })

    it("believes no address that an untrusted hop passed on", async () => {
      const untrusted = clientIp()
      // Each call claims another origin; the hop that reached the trusted proxy is what counts.
      expect(await statuses(LIMIT + 1, () => badCall(`${clientIp()}, ${untrusted}`))).toEqual([...Array(LIMIT).fill(401), 429])
    })

    it("counts public code lookups per client behind the proxy", async () => {
      const guess = (client: string) =>
        api("/store/carts/cart_nope/vouchers", { baseUrl: server!.url, body: { code: `GUESS${randomUUID().slice(0, 8)}` }, headers: { "x-forwarded-for": `${client}, ${PROXY}` } })
      const c = clientIp()
      expect(await statuses(LIMIT + 1, () => guess(c))).toEqual([...Array(LIMIT).fill(404), 429])
      expect((await guess(clientIp())).status).toBe(404)
    })
  })

  it("reads TRUST_PROXY as a hop count or a list of proxies, trusting only a local proxy by default", () => {
    expect(parseTrustProxy(undefined)).toEqual(["loopback"])
    expect(parseTrustProxy("0")).toBe(0)
    expect(parseTrustProxy("2")).toBe(2)
    expect(parseTrustProxy(" 10.0.0.5, 192.168.0.0/16 ,uniquelocal")).toEqual(["10.0.0.5", "192.168.0.0/16", "uniquelocal"])
    expect(() => parseTrustProxy("true")).toThrow(/every hop/)
    expect(() => parseTrustProxy("10.0.0.300")).toThrow(/neither an IP address/)
    expect(() => parseTrustProxy("proxy.example.com")).toThrow(/neither an IP address/)
  })

  it("refuses to start when TRUST_PROXY would trust every hop", async () => {
    await expect(
      startServer({
        name: "trust-proxy-all",
        env: { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", TRUST_PROXY: "true" },
        readyTimeout_ms: 30_000,
      })
    ).rejects.toThrow(/TRUST_PROXY: trusting every hop/)
  })
})
