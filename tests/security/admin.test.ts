/**
 * What reaches the admin API besides the merchant: other sites posting forms with the
 * merchant's cookie, and careless input to admin routes.
 */
import { randomUUID } from "crypto"

import { beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi, adminToken, api } from "../support/api"
import type { ApiResponse } from "../support/api"
import { signUp } from "../support/customers"
import { createTerminal, posApi } from "../support/pos"

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

describe("admin: idempotency of money routes", () => {
  let giftCardTill: string
  let prepaidTill: string
  let debtorTill: string

  beforeAll(async () => {
    giftCardTill = (await createTerminal({ scopes: ["gift_card"] })).key
    prepaidTill = (await createTerminal({ scopes: ["prepaid_charge", "prepaid_topup"] })).key
    debtorTill = (await createTerminal({ scopes: ["debtor"] })).key
  })

  const unique = (prefix: string) => `${prefix}${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`

  /**
   * The rules every admin money route keeps: without an Idempotency-Key it is
   * refused and writes nothing; a double click (two calls at once with one
   * key) and a later retry get the first answer and write once; the same key
   * with another body is a conflict that writes nothing.
   */
  async function keepsTheRules(
    path: string,
    body: object,
    otherBody: object,
    written: () => Promise<unknown>,
    status: number
  ): Promise<ApiResponse> {
    const before = await written()
    const keyless = await adminApi(path, { body })
    expect(keyless.status, keyless.text).toBe(400)
    expect(keyless.body.type).toBe("idempotency_key_missing")
    expect(await written()).toEqual(before)

    const headers = { "idempotency-key": randomUUID() }
    const [first, doubleClick] = await Promise.all([1, 2].map(() => adminApi(path, { body, headers })))
    expect(first.status, first.text).toBe(status)
    expect(doubleClick.status, doubleClick.text).toBe(status)
    expect(doubleClick.body).toEqual(first.body)
    const once = await written()
    expect(once).not.toEqual(before)

    const retry = await adminApi(path, { body, headers })
    expect(retry.status).toBe(status)
    expect(retry.body).toEqual(first.body)
    expect(retry.headers.get("idempotent-replayed")).toBe("true")

    const other = await adminApi(path, { body: otherBody, headers })
    expect(other.status, other.text).toBe(409)
    expect(other.body.type).toBe("idempotency_conflict")
    expect(await written()).toEqual(once)
    return first
  }

  const vouchersNumbered = async (code: string) => (await adminApi(`/admin/vouchers?q=${code}`)).body.count
  const voucherBalance = async (id: string) => (await adminApi(`/admin/vouchers/${id}`)).body.gift_card.balance
  const prepaidNumbered = async (code: string) => (await adminApi(`/admin/prepaid-cards?q=${code}`)).body.count
  const prepaidCard = async (id: string) => {
    const { balance, status, replaced_by_id } = (await adminApi(`/admin/prepaid-cards/${id}`)).body.prepaid_card
    return { balance, status, replaced_by_id }
  }

  it("sells a voucher once", async () => {
    const code = unique("SELL")
    await keepsTheRules("/admin/vouchers", { amount: 2000, currency_code: "eur", code }, { amount: 2001, currency_code: "eur", code }, () => vouchersNumbered(code), 201)
    expect(await vouchersNumbered(code)).toBe(1)
  })

  it("creates a batch of pre-printed vouchers once", async () => {
    const code = unique("BATCH")
    await keepsTheRules("/admin/vouchers/batch", { currency_code: "eur", codes: [code] }, { currency_code: "eur", codes: [code, `${code}X`] }, () => vouchersNumbered(code), 201)
    expect(await vouchersNumbered(code)).toBe(1)
  })

  it("reloads a voucher once", async () => {
    const sold = await posApi("/store/pos/gift-cards", { key: giftCardTill, body: { amount: 1000, currency_code: "eur" } })
    expect(sold.status, sold.text).toBe(201)
    const id: string = sold.body.gift_card.id
    await keepsTheRules(`/admin/vouchers/${id}/reload`, { amount: 500 }, { amount: 600 }, () => voucherBalance(id), 200)
    expect(await voucherBalance(id)).toBe(1500)
  })

  it("refuses a refund onto vouchers without a key", async () => {
    const res = await adminApi("/admin/vouchers/orders/order_none/refund", { body: { amount: 100 } })
    expect(res.status, res.text).toBe(400)
    expect(res.body.type).toBe("idempotency_key_missing")
  })

  it("tops up a prepaid card once", async () => {
    const issued = await posApi("/store/pos/prepaid-cards", { key: prepaidTill, body: { currency_code: "eur" } })
    expect(issued.status, issued.text).toBe(201)
    const id: string = issued.body.prepaid_card.id
    await keepsTheRules(
      `/admin/prepaid-cards/${id}/top-up`,
      { amount: 700, reason: "goodwill" },
      { amount: 700, reason: "other reason" },
      () => prepaidCard(id),
      200
    )
    expect((await prepaidCard(id)).balance).toBe(700)
  })

  it("replaces a prepaid card once", async () => {
    const issued = await posApi("/store/pos/prepaid-cards", { key: prepaidTill, body: { currency_code: "eur" } })
    expect(issued.status, issued.text).toBe(201)
    const id: string = issued.body.prepaid_card.id
    const first = await keepsTheRules(`/admin/prepaid-cards/${id}/replace`, {}, { code: unique("REPL") }, () => prepaidCard(id), 201)
    expect(await prepaidCard(id)).toEqual(expect.objectContaining({ status: "blocked", replaced_by_id: first.body.prepaid_card.id }))
  })

  it("creates a batch of pre-printed prepaid cards once", async () => {
    const code = unique("PPB")
    await keepsTheRules("/admin/prepaid-cards/batch", { currency_code: "eur", codes: [code] }, { currency_code: "eur", codes: [`${code}X`] }, () => prepaidNumbered(code), 201)
    expect(await prepaidNumbered(code)).toBe(1)
  })

  it("records a debtor payment once", async () => {
    const created = await posApi("/store/pos/invoices", {
      key: debtorTill,
      body: { customer_name: "Doppelklick", currency_code: "eur", lines: [{ title: "Kaffee", quantity: 4, unit_price: 250, tax_rate: 19 }] },
    })
    expect(created.status, created.text).toBe(201)
    const id: string = created.body.invoice.id
    const paid = async () => (await adminApi(`/admin/debtor-invoices/${id}`)).body.invoice.paid_total
    await keepsTheRules(`/admin/debtor-invoices/${id}/payments`, { amount: 300, method: "cash" }, { amount: 400, method: "cash" }, paid, 201)
    expect(await paid()).toBe(300)
  })
})

describe("admin: who may call the admin routes", () => {
  it("refuses the invoice credit recovery to callers without an admin login, writing nothing", async () => {
    const customer = await signUp({ first_name: "Nora", last_name: "Notadmin" })
    const till = (await createTerminal({ scopes: ["debtor"] })).key
    const path = "/admin/debtor-invoices/orders/order_unknown/credit-refunds"
    const callers: Record<string, string>[] = [{}, { authorization: `Bearer ${customer.token}` }, { authorization: `Bearer ${till}` }]
    for (const headers of callers) {
      const res = await api(path, { body: {}, headers })
      expect(res.status, JSON.stringify(headers)).toBe(401)
    }
    // The same call as the admin reaches the route: nothing to credit for an unknown order.
    const admin = await adminApi(path, { body: {} })
    expect(admin.status).toBe(200)
    expect(admin.body.credit_notes).toEqual([])
  })
})

