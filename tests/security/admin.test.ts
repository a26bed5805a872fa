/**
 * What reaches the admin API besides the merchant: other sites posting forms with the
 * merchant's cookie, and careless input to admin routes.
 */
import { randomUUID } from "crypto"

import { describe, expect, inject, it } from "vitest"

import { adminApi, adminToken, api } from "../support/api"

/** Signs in to the admin with the session cookie, as the admin UI does. */
async function sessionCookie(): Promise<string> {
  const res = await fetch(`${inject("baseUrl")}/admin/auth`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: inject("adminEmail"), password: inject("adminPassword") }),
  })
  expect(res.status).toBe(200)
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("connect.sid="))
  expect(cookie).toBeDefined()
  return cookie!.split(";")[0]
}

/** A form post as a browser sends it from a page on another site. */
function formPost(path: string, cookie: string, form: Record<string, string>, headers: Record<string, string>): Promise<Response> {
  return fetch(`${inject("baseUrl")}${path}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form).toString(),
  })
}

async function locationNames(): Promise<string[]> {
  const res = await adminApi<{ locations: { name: string }[] }>("/admin/pos/locations")
  return res.body.locations.map((l) => l.name)
}

describe("admin: cross-site requests", () => {
  it("refuses a form posted from another site with the merchant's session cookie, and writes nothing", async () => {
    const cookie = await sessionCookie()
    const name = `Cross-site ${randomUUID().slice(0, 8)}`
    const res = await formPost("/admin/pos/locations", cookie, { name, time_zone: "UTC" }, { origin: "https://evil.example" })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ type: "cross_site_request" })
    expect(await locationNames()).not.toContain(name)
  })

  it("refuses a cross-site post that names no origin but is marked cross-site by the browser", async () => {
    const cookie = await sessionCookie()
    const name = `Cross-site ${randomUUID().slice(0, 8)}`
    const res = await formPost("/admin/pos/locations", cookie, { name, time_zone: "UTC" }, { "sec-fetch-site": "cross-site" })
    expect(res.status).toBe(403)
    expect(await locationNames()).not.toContain(name)
  })

  it("guards Medusa's own admin routes too", async () => {
    const cookie = await sessionCookie()
    const email = `csrf-${randomUUID().slice(0, 8)}@example.com`
    const res = await formPost("/admin/customers", cookie, { email, first_name: "X", last_name: "Y" }, { origin: "https://evil.example" })
    expect(res.status).toBe(403)
    const found = await adminApi<{ customers: unknown[] }>(`/admin/customers?q=${encodeURIComponent(email)}`)
    expect(found.body.customers).toEqual([])
  })

  it("accepts the same change from the admin's own origin", async () => {
    const cookie = await sessionCookie()
    const name = `Same-site ${randomUUID().slice(0, 8)}`
    const res = await fetch(`${inject("baseUrl")}/admin/pos/locations`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", origin: inject("baseUrl"), "sec-fetch-site": "same-origin" },
      body: JSON.stringify({ name, time_zone: "UTC" }),
    })
    expect(res.status).toBe(201)
    expect(await locationNames()).toContain(name)
  })
})

describe("admin: careless input", () => {
  it("answers an offset beyond any list with 400, not 500", async () => {
    for (const offset of ["1e21", "1e7", "-1", "1.5"]) {
      const res = await adminApi(`/admin/vouchers?offset=${offset}`)
      expect(res.status, `offset=${offset}`).toBe(400)
      expect(res.body).toMatchObject({ type: "invalid_request" })
    }
    expect((await adminApi("/admin/vouchers?offset=1000000")).status).toBe(200)
  })

  it("refuses instants that are not ISO 8601 with a zone", async () => {
    for (const from of ["1", "2026-01-01T10:00", "March 3, 2026", "2026-02-31"]) {
      const res = await adminApi(`/admin/loyalty/analysis/timeline?from=${encodeURIComponent(from)}`)
      expect(res.status, `from=${from}`).toBe(400)
      expect(res.body).toMatchObject({ type: "invalid_request" })
    }
    for (const from of ["2026-01-01", "2026-01-01T10:00:00Z", "2026-01-01T10:00:00.123+01:00"]) {
      expect((await adminApi(`/admin/loyalty/analysis/timeline?from=${encodeURIComponent(from)}`)).status, `from=${from}`).toBe(200)
    }
  })

  it("refuses a day that is not in the calendar", async () => {
    for (const path of ["/admin/debtor-invoices?from=2026-02-31", "/admin/vouchers/liability?from=2026-02-31&to=2026-03-31"]) {
      const res = await adminApi(path)
      expect(res.status, path).toBe(400)
      expect(res.body).toMatchObject({ type: "invalid_request" })
    }
    expect((await adminApi("/admin/debtor-invoices?from=2026-02-28")).status).toBe(200)
  })

  it("downloads the PDF of a voucher whose own number is not Latin-1", async () => {
    const code = `ŁÓDŹ-${randomUUID().slice(0, 8).toUpperCase()}`
    const sold = await adminApi("/admin/vouchers", {
      body: { amount: 1000, currency_code: "eur", code },
      headers: { "idempotency-key": randomUUID() },
    })
    expect(sold.status, sold.text).toBe(201)
    const res = await fetch(`${inject("baseUrl")}/admin/vouchers/${sold.body.gift_card.id}/pdf`, {
      headers: { authorization: `Bearer ${await adminToken()}` },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toBe("application/pdf")
    const disposition = res.headers.get("content-disposition") ?? ""
    expect(disposition).toContain(`filename*=UTF-8''voucher-${encodeURIComponent(sold.body.gift_card.code)}.pdf`)
  })

  it("keeps a plain name on a plain download", async () => {
    const res = await api("/admin/loyalty/reactivation?format=csv", { token: await adminToken() })
    expect(res.status).toBe(200)
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="reactivation.csv"; filename*=UTF-8''reactivation.csv`)
  })
})
