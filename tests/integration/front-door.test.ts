/**
 * The front door (core's registerFrontDoor, decision 175): till calls under
 * /store/pos/ and the public content routes under /store/cms/ are answered by
 * one layer at the top of the app, before Medusa's session, passport and the
 * plugins' routers. What a client can see of that, and that every rule of the
 * routes still holds there.
 */
import { describe, expect, it } from "vitest"

import { adminApi, api } from "../support/api"
import { createTerminal, posApi } from "../support/pos"

describe("the front door", () => {
  it("serves every till route and the public content routes, and lists them for the admin", async () => {
    const res = await adminApi("/admin/customer-modules")
    expect(res.status).toBe(200)
    const routes: string[] = res.body.front_door
    expect(routes).toEqual(
      expect.arrayContaining([
        "POST /store/pos/gift-cards/:code/redeem",
        "POST /store/pos/loyalty/:code/earn",
        "POST /store/pos/prepaid-cards/:code/charge",
        "GET /store/pos/terminal",
        "GET /store/cms/news",
        "GET /store/cms/faq",
      ])
    )
    expect(routes.every((r) => /^(GET|POST|PUT|DELETE) \/store\/(pos|cms)\/[^*]+$/.test(r))).toBe(true)
    // Only GET for the content routes; nothing else of /store.
    expect(routes.filter((r) => r.includes("/store/cms/")).every((r) => r.startsWith("GET "))).toBe(true)
  })

  it("answers till calls and content fragments without a session cookie", async () => {
    const { key } = await createTerminal({ scopes: ["gift_card"] })

    const till = await posApi("/store/pos/terminal", { key })
    expect(till.status).toBe(200)
    expect(till.headers.get("set-cookie")).toBeNull()
    const sold = await posApi("/store/pos/gift-cards", { key, body: { amount: 1500, currency_code: "eur" } })
    expect(sold.status).toBe(201)
    expect(sold.headers.get("set-cookie")).toBeNull()

    const fragment = await api("/store/cms/news?format=html&locale=de")
    expect(fragment.status).toBe(200)
    expect(fragment.headers.get("content-type")).toMatch(/^text\/html/)
    expect(fragment.headers.get("set-cookie")).toBeNull()
  })

  it("keeps the routes' own rules: key, scope, body parsing, validation and the error shape", async () => {
    const { key } = await createTerminal({ scopes: ["loyalty"] })
    expect((await posApi("/store/pos/terminal")).status).toBe(401)
    const wrongScope = await posApi("/store/pos/gift-cards", { key, body: { amount: 1500, currency_code: "eur" } })
    expect(wrongScope.status).toBe(403)
    expect(wrongScope.body.type).toBe("forbidden")
    const malformed = await posApi("/store/pos/loyalty/ABC/earn", { key, rawBody: "{not json" })
    expect(malformed.status).toBe(400)
    expect(malformed.body.type).toBe("invalid_json")
    const invalid = await posApi("/store/pos/cards/ABCD1234", { key, method: "GET", headers: { "x-staff-card": "x".repeat(200) } })
    expect(invalid.status).toBe(401)
    expect(invalid.body.type).toBe("unknown_staff_card")
    const badQuery = await api("/store/cms/news?format=pdf")
    expect(badQuery.status).toBe(400)
  })

  it("leaves everything else to Medusa: other methods, look-alike paths and the browser's CORS preflight", async () => {
    const { key } = await createTerminal({ scopes: ["gift_card"] })
    // The terminal route has no DELETE: Medusa's router answers as it did.
    const noSuchMethod = await posApi("/store/pos/terminal", { key, method: "DELETE", idempotencyKey: null })
    expect(noSuchMethod.status).toBe(404)
    expect((await api("/store/posx/terminal")).status).toBe(404)
    const preflight = await api("/store/pos/terminal", {
      method: "OPTIONS",
      headers: { origin: "http://localhost:8000", "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:8000")
    // The store CORS applies in the front door too.
    const cors = await posApi("/store/pos/terminal", { key, headers: { origin: "http://localhost:8000" } })
    expect(cors.headers.get("access-control-allow-origin")).toBe("http://localhost:8000")
    const otherOrigin = await posApi("/store/pos/terminal", { key, headers: { origin: "https://evil.example" } })
    expect(otherOrigin.status).toBe(200)
    expect(otherOrigin.headers.get("access-control-allow-origin")).toBeNull()
  })
})
