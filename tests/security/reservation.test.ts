/**
 * Wrong actors on every reservation route: the internet (no login), a signed-in
 * customer, a terminal key, on the admin routes; and on the public routes a
 * forged cancel token, another reservation's token, and answers that reveal
 * nothing about guests.
 */
import { createHmac } from "crypto"

import { DateTime } from "luxon"
import { beforeAll, describe, expect, it } from "vitest"

import { adminApi, api } from "../support/api"
import { signUp } from "../support/customers"
import { clientIp, createLocation, createTerminal } from "../support/pos"
import { TEST_SECRETS } from "../support/server"

const ADMIN_ROUTES: [string, string][] = [
  ["GET", "/admin/reservations?location_id=loc_x&date=2030-01-01"],
  ["POST", "/admin/reservations"],
  ["GET", "/admin/reservations/locations/loc_x/settings"],
  ["PUT", "/admin/reservations/locations/loc_x/settings"],
  ["GET", "/admin/reservations/locations/loc_x/plan"],
  ["POST", "/admin/reservations/areas"],
  ["POST", "/admin/reservations/areas/rarea_x"],
  ["POST", "/admin/reservations/tables"],
  ["POST", "/admin/reservations/tables/rtbl_x"],
  ["POST", "/admin/reservations/combinations"],
  ["DELETE", "/admin/reservations/combinations/rcmb_x"],
  ["POST", "/admin/reservations/rules"],
  ["DELETE", "/admin/reservations/rules/rrule_x"],
  ["POST", "/admin/reservations/resv_x/status"],
  ["POST", "/admin/reservations/resv_x/assign"],
  ["POST", "/admin/reservations/walk-ins"],
  ["GET", "/admin/reservations/availability?location_id=loc_x&date=2030-01-01&party_size=2"],
  ["GET", "/admin/reservations/occupancy?location_id=loc_x&date=2030-01-01"],
  ["GET", "/admin/reservations/covers?location_id=loc_x&month=2030-01"],
  ["GET", "/admin/reservations/export?location_id=loc_x&date=2030-01-01"],
  ["POST", "/admin/reservations/guests/unblock"],
]

let customerToken: string
let terminalKey: string

beforeAll(async () => {
  customerToken = (await signUp({ first_name: "Rita", last_name: "Reserve" })).token
  terminalKey = (await createTerminal({ scopes: ["loyalty"] })).key
})

describe("reservation admin routes refuse everyone but the merchant", () => {
  for (const [method, path] of ADMIN_ROUTES) {
    it(`${method} ${path.split("?")[0]}: no login, a customer and a terminal key get 401`, async () => {
      const body = method === "GET" ? undefined : {}
      for (const token of [undefined, customerToken, terminalKey]) {
        const res = await api(path, { method, body, token })
        expect(res.status, `${token ? "token" : "no login"}: ${res.text}`).toBe(401)
      }
    })
  }
})

describe("reservation public routes", () => {
  it("cancels only with the token of that reservation: forged and borrowed tokens get 403 and change nothing", async () => {
    const location = await createLocation({ time_zone: "Europe/Berlin" })
    await adminApi(`/admin/reservations/locations/${location.id}/settings`, {
      method: "PUT",
      body: { online: true, slot_minutes: 30, opening_hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: "18:00", close: "22:00" })), turn_minutes: 60, buffer_minutes: 0, min_party: 1, max_party: 6, lead_minutes: 0, horizon_days: 60 },
    })
    const area = await adminApi("/admin/reservations/areas", { body: { location_id: location.id, name: "Room" } })
    await adminApi("/admin/reservations/tables", { body: { area_id: area.body.area.id, name: "A", min_seats: 1, max_seats: 4 } })
    await adminApi("/admin/reservations/tables", { body: { area_id: area.body.area.id, name: "B", min_seats: 1, max_seats: 4 } })
    const date = DateTime.now().setZone("Europe/Berlin").plus({ days: 3 }).toISODate()
    const starts_at = DateTime.fromISO(`${date}T19:00`, { zone: "Europe/Berlin" }).toISO()
    const post = (body: Record<string, unknown>) => api("/store/reservations", { body: { location_id: location.id, starts_at, party_size: 2, name: "G", ...body }, headers: { "x-forwarded-for": clientIp() } })
    const mine = await post({ email: "mine@example.com" })
    const theirs = await post({ email: "theirs@example.com" })
    expect([mine.status, theirs.status]).toEqual([201, 201])
    expect(Object.keys(mine.body.reservation).sort()).toEqual(["ends_at", "id", "party_size", "starts_at", "status", "table_ids"])
    const token = (id: string, secret = TEST_SECRETS.JWT_SECRET) => createHmac("sha256", `reservation-cancel:${secret}`).update(id).digest("base64url")
    const cancel = (id: string, t: string) => api(`/store/reservations/${id}/cancel`, { body: { token: t }, headers: { "x-forwarded-for": clientIp() } })
    expect((await cancel(theirs.body.reservation.id, token(mine.body.reservation.id))).status).toBe(403)
    expect((await cancel(theirs.body.reservation.id, token(theirs.body.reservation.id, "supersecret"))).status).toBe(403)
    expect((await cancel(theirs.body.reservation.id, "A".repeat(43))).status).toBe(403)
    const list = await adminApi(`/admin/reservations?location_id=${location.id}&date=${date}`)
    expect(list.body.reservations.map((r: { status: string }) => r.status)).toEqual(["confirmed", "confirmed"])
  })

  it("answers an unknown location with 404 and reveals no reservation on the availability route", async () => {
    const res = await api("/store/reservations/availability?location_id=loc_unknown&date=2030-01-01&party_size=2", { headers: { "x-forwarded-for": clientIp() } })
    expect(res.status).toBe(404)
    const page = await api("/embed/booking?location_id=loc_unknown")
    expect(page.status).toBe(404)
  })

  it("offers no listing of bookings on the public side, not even to a signed-in customer", async () => {
    const res = await api("/store/reservations", { method: "GET", token: customerToken })
    expect([404, 405]).toContain(res.status)
  })
})
