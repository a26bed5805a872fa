/**
 * The origins allowed on the "Website" page, on a server of this file's own
 * (they apply to every embed page of the server, so the shared one keeps none):
 * they open the public content routes to those sites (CORS) and become exactly
 * the `frame-ancestors` of every `/embed/...` page (booking of reservation,
 * the voucher shop and top-up of gift-card, the loader's own cms routes), at
 * once after an edit; with none, any site may frame the pages (as before).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { api } from "../support/api"
import { startOwnServer } from "../support/own-server"
import type { OwnServer } from "../support/own-server"
import { startServer } from "../support/server"

let own: OwnServer
let locationId: string

const ancestorsOf = (csp: string | null) => (/frame-ancestors ([^;]*)/.exec(csp ?? "")?.[1] ?? "").trim().split(/\s+/)

async function framing(path: string): Promise<string[]> {
  const res = await api(path, { baseUrl: own.url })
  expect(res.status, `${path}: ${res.text.slice(0, 200)}`).toBe(200)
  expect(res.headers.get("content-type")).toMatch(/^text\/html/)
  return ancestorsOf(res.headers.get("content-security-policy"))
}

const PAGES = () => [`/embed/booking?location_id=${locationId}&locale=en`, "/embed/vouchers?locale=en", "/embed/top-up?locale=de"]

beforeAll(async () => {
  own = await startOwnServer("cms-origins")
  const location = await own.admin("/admin/pos/locations", { body: { name: "Origins Café", time_zone: "Europe/Berlin" } })
  expect(location.status, location.text).toBe(201)
  locationId = location.body.location.id
  const put = await own.admin(`/admin/reservations/locations/${locationId}/settings`, {
    method: "PUT",
    body: { online: true, slot_minutes: 30, opening_hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: "18:00", close: "22:00" })), turn_minutes: 90, buffer_minutes: 0, min_party: 1, max_party: 6, lead_minutes: 60, horizon_days: 60 },
  })
  expect(put.status, put.text).toBe(200)
}, 240_000)

afterAll(async () => {
  await own?.stop()
})

describe("allowed origins", () => {
  it("without any, every embed page may be framed by any site", async () => {
    expect((await own.admin("/admin/cms/settings")).body.settings.allowed_origins).toEqual([])
    for (const page of PAGES()) {
      expect(await framing(page), page).toEqual(["*"])
    }
  })

  it("become exactly the frame-ancestors of the booking, voucher and top-up pages at once after an edit, and CORS of the content", async () => {
    const sites = ["https://www.cafe-test.example", "http://localhost:8123"]
    expect((await own.admin("/admin/cms/settings", { body: { allowed_origins: ["https://bad.example/path"] } })).status).toBe(400)
    const set = await own.admin("/admin/cms/settings", { body: { allowed_origins: sites } })
    expect(set.status, set.text).toBe(200)
    for (const page of PAGES()) {
      expect(await framing(page), page).toEqual(sites)
    }
    const allowed = await api("/store/cms/faq?locale=de&format=html", { baseUrl: own.url, headers: { origin: sites[0] } })
    expect(allowed.headers.get("access-control-allow-origin")).toBe(sites[0])
    const other = await api("/store/cms/faq?locale=de&format=html", { baseUrl: own.url, headers: { origin: "https://other.example" } })
    expect(other.headers.get("access-control-allow-origin")).not.toBe("https://other.example")

    // Another edit replaces the list everywhere; emptying it opens framing again.
    expect((await own.admin("/admin/cms/settings", { body: { allowed_origins: ["https://shop.example:8443"] } })).status).toBe(200)
    for (const page of PAGES()) {
      expect(await framing(page), page).toEqual(["https://shop.example:8443"])
    }
    expect((await own.admin("/admin/cms/settings", { body: { allowed_origins: [] } })).status).toBe(200)
    expect(await framing(PAGES()[0])).toEqual(["*"])
  })

  it("are kept over a restart: the first page after it already carries them", async () => {
    expect((await own.admin("/admin/cms/settings", { body: { allowed_origins: ["https://after-restart.example"] } })).status).toBe(200)
    // A second server on the same database, started after the edit: no edit in its process.
    const second = await startOwnServerOnSameDatabase()
    try {
      expect(ancestorsOf((await api("/embed/vouchers?locale=en", { baseUrl: second.url })).headers.get("content-security-policy"))).toEqual(["https://after-restart.example"])
    } finally {
      await second.stop()
    }
  }, 240_000)
})

function startOwnServerOnSameDatabase() {
  return startServer({ name: "cms-origins-second", env: own.env })
}
