/**
 * Security of the event plugin's routes: the internet, a signed-in customer
 * and a terminal key reach no admin route; POS routes need a key with the
 * scope `event`; the public routes refuse forged tokens and show nothing
 * unpublished; nothing in the server's log names a guest.
 */
import { randomUUID } from "crypto"
import fs from "fs"

import { beforeAll, describe, expect, it } from "vitest"

import { adminApi, api } from "../support/api"
import { signUp } from "../support/customers"
import { uniqueAddress } from "../support/mail"
import { clientIp, createTerminal, posApi } from "../support/pos"
import type { PosScope } from "../support/pos"
import { LOG_DIR } from "../support/server"

let eventId: string
let draftId: string
let registrationId: string
let templateId: string
let venueId: string
let spareVenueId: string
let spareTemplateId: string
let customerToken: string
let eventKey: string
let otherKey: string
const guestEmail = uniqueAddress("event-sec")
const guestName = `Secretname${randomUUID().slice(0, 6)}`

beforeAll(async () => {
  const venue = await adminApi("/admin/events/venues", { body: { name: "Saal", time_zone: "Europe/Lisbon" } })
  venueId = venue.body.venue.id
  const base = { venue_id: venueId, starts_at: new Date(Date.now() + 5 * 86_400_000).toISOString(), ends_at: new Date(Date.now() + 5 * 86_400_000 + 7_200_000).toISOString(), capacity: 5, price: 1000, currency_code: "EUR" }
  eventId = (await adminApi("/admin/events", { body: { title: "Öffentlich", published: true, ...base } })).body.event.id
  draftId = (await adminApi("/admin/events", { body: { title: "Entwurf", published: false, ...base } })).body.event.id
  templateId = (await adminApi("/admin/events/templates", { body: { title: "Vorlage", duration_minutes: 60, capacity: 5, currency_code: "EUR", venue_id: venueId } })).body.template.id
  const reg = await api(`/store/events/${eventId}/registrations`, { body: { name: guestName, email: guestEmail }, headers: { "x-forwarded-for": clientIp() } })
  expect(reg.status, reg.text).toBe(201)
  registrationId = reg.body.registration.id
  spareVenueId = (await adminApi("/admin/events/venues", { body: { name: "Unbenutzt", time_zone: "Europe/Berlin" } })).body.venue.id
  spareTemplateId = (await adminApi("/admin/events/templates", { body: { title: "Unbenutzt", duration_minutes: 30, capacity: 2, currency_code: "EUR" } })).body.template.id
  customerToken = (await signUp()).token
  eventKey = (await createTerminal({ scopes: ["event" as PosScope] })).key
  otherKey = (await createTerminal({ scopes: ["gift_card", "loyalty"] })).key
})

/** Every admin route of the plugin, with a body that would be valid. */
const adminRoutes = (): [string, string, unknown?][] => [
  ["GET", "/admin/events"],
  ["POST", "/admin/events", { title: "X", venue_id: venueId, starts_at: new Date().toISOString(), ends_at: new Date(Date.now() + 1000).toISOString(), capacity: 1, price: 0, currency_code: "EUR", published: true }],
  ["GET", `/admin/events/${eventId}`],
  ["POST", `/admin/events/${eventId}`, { capacity: 6 }],
  ["POST", `/admin/events/${eventId}/cancel`, {}],
  ["GET", `/admin/events/${eventId}/registrations`],
  ["POST", `/admin/events/${eventId}/registrations`, { name: "Phone" }],
  ["POST", `/admin/events/${eventId}/registrations/${registrationId}`, { checked_in: true }],
  ["POST", `/admin/events/${eventId}/registrations/${registrationId}/payment`, { status: "paid" }],
  ["POST", `/admin/events/${eventId}/registrations/${registrationId}/cancel`, {}],
  ["GET", "/admin/events/venues"],
  ["POST", "/admin/events/venues", { name: "V", time_zone: "UTC" }],
  ["GET", `/admin/events/venues/${venueId}`],
  ["POST", `/admin/events/venues/${venueId}`, { name: "V2" }],
  ["GET", "/admin/events/templates"],
  ["POST", "/admin/events/templates", { title: "T", duration_minutes: 60, capacity: 2, currency_code: "EUR" }],
  ["GET", `/admin/events/templates/${templateId}`],
  ["POST", `/admin/events/templates/${templateId}`, { title: "T2" }],
  ["POST", `/admin/events/templates/${templateId}/events`, { time: "10:00", dates: ["2030-01-01"] }],
  ["POST", `/admin/events/templates/${templateId}/events/preview`, { time: "10:00", dates: ["2030-01-01"] }],
  ["GET", `/admin/events/${eventId}/registrations?format=pdf`],
  ["GET", `/admin/events/${eventId}/registrations?format=csv`],
  ["DELETE", `/admin/events/templates/${spareTemplateId}`],
  ["DELETE", `/admin/events/venues/${spareVenueId}`],
]

describe("admin routes", () => {
  it("refuse the internet, a signed-in customer and a terminal key, and change nothing", async () => {
    for (const [method, path, body] of adminRoutes()) {
      for (const token of [undefined, customerToken, eventKey]) {
        const res = await api(path, { method, body, token, headers: { "idempotency-key": randomUUID() } })
        expect(res.status, `${method} ${path} (${token ? "token" : "none"}): ${res.text}`).toBe(401)
      }
    }
    const event = await adminApi(`/admin/events/${eventId}`)
    expect(event.body.event).toMatchObject({ status: "scheduled", capacity: 5 })
    expect((await adminApi(`/admin/events/templates/${spareTemplateId}`)).status).toBe(200)
    expect((await adminApi(`/admin/events/venues/${spareVenueId}`)).status).toBe(200)
  })
})

describe("POS routes", () => {
  it("need a terminal key with the scope event", async () => {
    const routes: [string, string, unknown?][] = [
      ["GET", "/store/pos/events"],
      ["POST", `/store/pos/events/${eventId}/registrations`, { name: "Till" }],
      ["POST", `/store/pos/events/registrations/${registrationId}/check-in`, {}],
    ]
    for (const [method, path, body] of routes) {
      const none = await posApi(path, { method, body })
      expect(none.status, `${method} ${path}`).toBe(401)
      const customer = await posApi(path, { method, body, key: customerToken })
      expect(customer.status, `${method} ${path}`).toBe(401)
      const wrong = await posApi(path, { method, body, key: otherKey })
      expect(wrong.status, `${method} ${path}`).toBe(403)
    }
  })
})

describe("checkout", () => {
  it("does not let a guest complete the cart of a registration that is no longer held (cancelled by its link) and charges nothing", async () => {
    const paid = await api(`/store/events/${eventId}/registrations`, { body: { name: "Online", email: uniqueAddress("event-sec-pay"), pay_online: true }, headers: { "x-forwarded-for": clientIp() } })
    expect(paid.status, paid.text).toBe(201)
    const r = paid.body.registration
    const token = new URL(r.cancel_url).searchParams.get("token")
    const cancelled = await api(`/store/events/registrations/${r.id}/cancel`, { body: { token }, headers: { "x-forwarded-for": clientIp() } })
    expect(cancelled.status, cancelled.text).toBe(200)
    expect((await api(`/store/carts/${r.cart_id}/payment-sessions`, { method: "POST" })).status).toBe(200)
    expect((await api(`/store/carts/${r.cart_id}/payment-session`, { body: { provider_id: "manual" } })).status).toBe(200)
    const completed = await api(`/store/carts/${r.cart_id}/complete`, { method: "POST" })
    expect(completed.status, completed.text).toBe(409)
    expect(completed.body.type).toBe("registration_not_held")
    const cart = await api(`/store/carts/${r.cart_id}`)
    expect(cart.body.cart.completed_at).toBeNull()
  })
})

describe("public routes", () => {
  it("show no draft and register for none", async () => {
    expect((await api(`/store/events/${draftId}`)).status).toBe(404)
    const reg = await api(`/store/events/${draftId}/registrations`, { body: { name: "A", email: "a@example.com" }, headers: { "x-forwarded-for": clientIp() } })
    expect(reg.status).toBe(404)
    expect((await api("/store/events")).body.events.map((e: { id: string }) => e.id)).not.toContain(draftId)
    expect((await api("/embed/events/x%3Cscript%3E")).status).toBe(404)
  })

  it("keep drafts out of the public calendar feed, which anyone may read, and refuse a bad query with 400", async () => {
    const feed = await api("/store/events/ical?locale=de", { headers: { "x-forwarded-for": clientIp() } })
    expect(feed.status).toBe(200)
    expect(feed.headers.get("content-type")).toContain("text/calendar")
    expect(feed.text).toContain("BEGIN:VCALENDAR")
    expect(feed.text).not.toContain(draftId)
    const bad = await api("/store/events/ical?locale=xx&admin=1", { headers: { "x-forwarded-for": clientIp() } })
    expect(bad.status).toBe(400)
    expect(bad.body.type).toBe("invalid_request")
  })

  it("refuse forged tokens on cancel and accept, as route and as page", async () => {
    for (const action of ["cancel", "accept"]) {
      const res = await api(`/store/events/registrations/${registrationId}/${action}`, { body: { token: "x".repeat(43) }, headers: { "x-forwarded-for": clientIp() } })
      expect(res.status).toBe(403)
      const page = await api(`/embed/events/registrations/${registrationId}/${action}`, {
        method: "POST",
        rawBody: `token=${"y".repeat(43)}`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      })
      expect(page.status).toBe(403)
    }
    // A cancel token does not accept an offer (a token fits one purpose).
    const reg = await api(`/store/events/${eventId}/registrations`, { body: { name: "B", email: "b@example.com" }, headers: { "x-forwarded-for": clientIp() } })
    const token = new URL(reg.body.registration.cancel_url).searchParams.get("token")
    const res = await api(`/store/events/registrations/${reg.body.registration.id}/accept`, { body: { token }, headers: { "x-forwarded-for": clientIp() } })
    expect(res.status).toBe(403)
  })

  it("rate-limit registrations per client address", async () => {
    const ip = clientIp()
    const answers = []
    for (let i = 0; i < 25; i++) {
      answers.push((await api(`/store/events/${eventId}/registrations`, { body: { name: "" }, headers: { "x-forwarded-for": ip } })).status)
    }
    expect(answers).toContain(429)
  })

  it("keep guests' names and e-mail addresses out of the server's log", () => {
    const log = fs.readFileSync(`${LOG_DIR}/main.log`, "utf-8")
    expect(log).not.toContain(guestEmail)
    expect(log).not.toContain(guestName)
  })
})
