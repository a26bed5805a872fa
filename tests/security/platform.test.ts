/**
 * Wrong actors on the platform routes and the plugins' static and page routes
 * added with the registrations: the admin's lists of scopes and kinds refuse
 * everyone but the merchant; the till's floor plan refuses a key without the
 * `reservation` scope; static file routes serve only their own files; a
 * forged cancel link changes nothing; the public top-up routes refuse bad input.
 */
import { beforeAll, describe, expect, it } from "vitest"

import { api } from "../support/api"
import { signUp } from "../support/customers"
import { clientIp, createTerminal, posApi } from "../support/pos"

let customerToken: string
let terminalKey: string

beforeAll(async () => {
  customerToken = (await signUp({ first_name: "Paula", last_name: "Platform" })).token
  terminalKey = (await createTerminal({ scopes: ["loyalty"] })).key
})

describe("platform admin routes refuse everyone but the merchant", () => {
  for (const path of ["/admin/pos/scopes", "/admin/jobs/kinds", "/admin/jobs/preview-mail/feedback_alert"]) {
    it(`GET ${path}: no login, a customer and a terminal key get 401`, async () => {
      for (const token of [undefined, customerToken, terminalKey]) {
        const res = await api(path, { token })
        expect(res.status, `${token ? "token" : "no login"}: ${res.text}`).toBe(401)
      }
    })
  }
})

describe("the till's floor plan", () => {
  it("refuses a call without a key (401) and a key without the reservation scope (403)", async () => {
    expect((await posApi("/store/pos/reservations/floor")).status).toBe(401)
    const refused = await posApi("/store/pos/reservations/floor", { key: terminalKey })
    expect(refused.status, refused.text).toBe(403)
    expect(refused.body.type).toBe("forbidden")
  })
})

describe("static files of the embed pages and the tablet app", () => {
  for (const path of [
    "/embed/booking/assets/..%2Fpackage.json",
    "/embed/booking/assets/other.js",
    "/embed/events/assets/..%2F..%2Fpackage.json",
    "/embed/events/assets/.env",
    "/feedback/app/..%2Fpackage.json",
    "/feedback/shared/rules.ts",
  ]) {
    it(`GET ${path}: 404, nothing outside the listed files`, async () => {
      const res = await api(path)
      expect(res.status, res.text).toBe(404)
    })
  }

  it("serves a listed file with its type and nosniff", async () => {
    const res = await api("/embed/booking/assets/booking.js")
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toMatch(/javascript/)
    expect(res.headers.get("x-content-type-options")).toBe("nosniff")
  })
})

describe("public pages and routes without a login", () => {
  it("shows a forged cancel link a neutral page that offers no cancel", async () => {
    const res = await api("/embed/booking/cancel?id=resv_x&token=forged", { headers: { accept: "text/html" } })
    expect(res.status).toBeLessThan(500)
    expect(res.text).not.toMatch(/<form[^>]*method="post"/i)
  })

  it("refuses bad input on the online top-up routes with 400", async () => {
    for (const path of ["/store/top-up/blank-voucher", "/store/top-up/prepaid-card"]) {
      const res = await api(path, { body: { amount: "lots", unexpected: true }, headers: { "x-forwarded-for": clientIp() } })
      expect(res.status, `${path}: ${res.text}`).toBe(400)
      expect(res.body.type).toBe("invalid_request")
    }
  })
})
