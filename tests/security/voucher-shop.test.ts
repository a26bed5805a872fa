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
  ["GET", "/admin/voucher-shop/blank-batches/gcbb_x/sheet"],
  ["GET", "/admin/voucher-shop/sales/labels"],
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

describe("the hosted payment step", { timeout: 90_000 }, () => {
  async function shopCart(): Promise<string> {
    const cart = await api("/store/voucher-shop/carts", {
      body: { email: "guest@example.com", sender_name: "Guest", items: [{ amount: 2500, recipient_name: "R", recipient_email: "r@example.com" }] },
      headers: { "x-forwarded-for": `10.91.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}` },
    })
    expect(cart.status, cart.text).toBe(201)
    return cart.body.cart_id
  }

  it("gives a checkout link only for a cart of the shop or the top-up page, and 400 for bad input", async () => {
    const region = (await api("/store/regions")).body.regions[0]
    const plain = await api("/store/carts", { body: { region_id: region.id } })
    expect(plain.status, plain.text).toBe(200)
    const refused = await api("/store/voucher-shop/checkout", { body: { cart_id: plain.body.cart.id } })
    expect(refused.status, refused.text).toBe(404)
    for (const body of [{}, { cart_id: "" }, { cart_id: "x".repeat(65) }, { cart_id: "cart_1", extra: 1 }]) {
      expect((await api("/store/voucher-shop/checkout", { body })).status, JSON.stringify(body)).toBe(400)
    }
  })

  it("refuses a forged or altered token, on the status route and on the top-level page", async () => {
    const cartId = await shopCart()
    expect((await api(`/store/carts/${cartId}/payment-sessions`, { method: "POST" })).status).toBe(200)
    const started = await api("/store/voucher-shop/checkout", { body: { cart_id: cartId } })
    expect(started.status, started.text).toBe(200)
    const token: string = started.body.token
    const [cart, expires, signature] = token.split(".")
    const otherCart = await shopCart()
    const forged = [
      `${otherCart}.${expires}.${signature}`,
      `${cart}.${Number(expires) + 3600}.${signature}`,
      `${cart}.${expires}.${signature.slice(0, -2)}xx`,
      "not-a-token",
    ]
    for (const t of forged) {
      const status = await api(`/store/voucher-shop/checkout/status?token=${encodeURIComponent(t)}`)
      expect(status.status, t).toBe(403)
      expect(status.body.type).toBe("invalid_token")
      const page = await api(`/embed/checkout?token=${encodeURIComponent(t)}`)
      expect(page.status, t).toBe(403)
      expect(page.text).not.toContain(otherCart)
    }
    const page = await api(`/embed/checkout?token=${encodeURIComponent(token)}&locale=en`)
    expect(page.status).toBe(200)
    // The payment step runs at the top level only: this page refuses every frame.
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'")
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
  })
})

describe("the static files of the shop and top-up pages", () => {
  it("are the fixed files, for anyone, with their type and nosniff; nothing else answers under them", async () => {
    for (const [path, type] of [
      ["/embed/vouchers/script", "javascript"],
      ["/embed/top-up/script", "javascript"],
      ["/embed/checkout/script", "javascript"],
      ["/embed/vouchers/style", "text/css"],
    ]) {
      const res = await api(path)
      expect(res.status, path).toBe(200)
      expect(res.headers.get("content-type"), path).toContain(type)
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff")
      expect((await api(`${path}/..%2f..%2fpackage.json`)).status, path).toBe(404)
      expect((await api(path, { method: "POST", body: {} })).status, path).toBe(404)
    }
  })
})
