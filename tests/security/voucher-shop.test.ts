/**
 * Wrong actors on every route the voucher shop adds: the internet (no login),
 * a signed-in customer and a terminal key get nothing from the admin routes;
 * the public routes need nobody but are bounded (rate limits, misses).
 */
import { describe, expect, it } from "vitest"

import { api } from "../support/api"
import { signUp } from "../support/customers"
import { createTerminal } from "../support/pos"

const ADMIN_ROUTES: [string, string][] = [
  ["GET", "/admin/voucher-shop/settings"],
  ["POST", "/admin/voucher-shop/settings"],
  ["GET", "/admin/voucher-shop/designs"],
  ["POST", "/admin/voucher-shop/designs"],
  ["POST", "/admin/voucher-shop/designs/gcdes_x"],
  ["GET", "/admin/voucher-shop/designs/gcdes_x/preview"],
  ["GET", "/admin/voucher-shop/products"],
  ["POST", "/admin/voucher-shop/products"],
  ["POST", "/admin/voucher-shop/products/gcprd_x"],
  ["GET", "/admin/voucher-shop/sales"],
  ["POST", "/admin/voucher-shop/sales/gcsi_x/posted"],
  ["POST", "/admin/voucher-shop/sales/gcsi_x/resend"],
  ["GET", "/admin/voucher-shop/blank-batches"],
  ["POST", "/admin/voucher-shop/blank-batches"],
]

function call(method: string, path: string, token?: string) {
  return api(path, { method, token, body: method === "POST" ? {} : undefined })
}

describe("voucher shop admin routes", { timeout: 90_000 }, () => {
  it("refuse the internet (no login)", async () => {
    for (const [method, path] of ADMIN_ROUTES) {
      expect((await call(method, path)).status, `${method} ${path}`).toBe(401)
    }
  })

  it("refuse a signed-in customer", async () => {
    const customer = await signUp()
    for (const [method, path] of ADMIN_ROUTES) {
      expect((await call(method, path, customer.token)).status, `${method} ${path}`).toBe(401)
    }
  })

  it("refuse a terminal key, whatever its scope", async () => {
    const { key } = await createTerminal({ scopes: ["gift_card", "prepaid_topup", "prepaid_charge"] })
    for (const [method, path] of ADMIN_ROUTES) {
      expect((await call(method, path, key)).status, `${method} ${path}`).toBe(401)
    }
  })
})

describe("voucher shop public routes", { timeout: 90_000 }, () => {
  it("rate-limit cart creation per client IP with 429 and Retry-After", async () => {
    const ip = `10.90.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`
    let status = 0
    for (let i = 0; i < 80 && status !== 429; i++) {
      // Bad input is refused before counting; a valid body counts, whatever it leads to.
      const res = await api("/store/voucher-shop/carts", {
        body: { email: "a@example.test", sender_name: "A", items: [{ amount: 1, recipient_name: "B", recipient_email: "b@example.test" }] },
        headers: { "x-forwarded-for": ip },
      })
      status = res.status
      if (status === 429) {
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0)
      }
    }
    expect(status).toBe(429)
  })

  it("do not take a terminal scope for more than it is: a top-up terminal key is just another caller of the public routes", async () => {
    const { key } = await createTerminal({ scopes: ["prepaid_topup"] })
    const res = await api("/store/voucher-shop/balance", { body: { code: "NOT-A-REAL-VOUCHER-CODE" }, token: key })
    expect(res.status).toBe(404)
  })

  it("serve the embed pages with their own script only and allow framing", async () => {
    for (const path of ["/embed/vouchers?locale=en", "/embed/top-up?locale=pt"]) {
      const res = await api(path)
      expect(res.status, path).toBe(200)
      const csp = res.headers.get("content-security-policy") ?? ""
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("frame-ancestors *")
      expect(res.headers.get("x-frame-options")).toBeNull()
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
      const src = res.text.match(/<script src="([^"]+)"/)?.[1]
      expect(src).toBeDefined()
      const script = await api(src!)
      expect(script.status, src).toBe(200)
      expect(script.headers.get("content-type")).toContain("text/javascript")
    }
  })
})
