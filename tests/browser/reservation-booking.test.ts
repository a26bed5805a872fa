/**
 * The booking page `/embed/booking` in Chromium, inside an iframe of another
 * page as the merchant's site embeds it: a guest picks party size, date and a
 * time, fills in the form and gets a confirmed table.
 */
import http from "http"
import type { AddressInfo } from "net"

import { DateTime } from "luxon"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi, api } from "../support/api"
import { launchBrowser } from "../support/browser"
import { clientIp, createLocation } from "../support/pos"

let browser: Browser
let page: Page
let site: http.Server
let siteUrl: string

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1200, height: 1000 }, locale: "en-US" })
  // The merchant's own website, on another origin, framing the booking page.
  site = http.createServer((req, res) => {
    const src = new URL(req.url ?? "/", "http://x").searchParams.get("src") ?? ""
    res.setHeader("content-type", "text/html")
    res.end(`<!doctype html><html><body><h1>Café</h1><iframe id="booking" src="${src.replace(/"/g, "")}" width="800" height="900"></iframe></body></html>`)
  })
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve))
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`
})

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => site?.close(resolve))
})

describe("the booking page", () => {
  it("books a table from inside the merchant's iframe", async () => {
    const location = await createLocation({ name: "Embed Café", time_zone: "Europe/Berlin" })
    const put = await adminApi(`/admin/reservations/locations/${location.id}/settings`, {
      method: "PUT",
      body: {
        online: true, slot_minutes: 30, opening_hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: "18:00", close: "22:00" })),
        turn_minutes: 90, buffer_minutes: 0, min_party: 1, max_party: 6, lead_minutes: 60, horizon_days: 60,
        newsletter_consent_text: "We send at most one mail a month; unsubscribe at any time.",
      },
    })
    expect(put.status, put.text).toBe(200)
    const area = await adminApi("/admin/reservations/areas", { body: { location_id: location.id, name: "Room" } })
    await adminApi("/admin/reservations/tables", { body: { area_id: area.body.area.id, name: "R1", min_seats: 1, max_seats: 4 } })

    const direct = await api(`/embed/booking?location_id=${location.id}&locale=en`)
    expect(direct.status).toBe(200)
    expect(direct.headers.get("content-security-policy")).toContain("frame-ancestors *")
    expect(direct.text).not.toMatch(/<script>(?!<)/)

    const date = DateTime.now().setZone("Europe/Berlin").plus({ days: 5 }).toISODate() as string
    await page.goto(`${siteUrl}/?src=${encodeURIComponent(`${inject("baseUrl")}/embed/booking?location_id=${location.id}&locale=en`)}`)
    const frame = page.frameLocator("#booking")
    await frame.locator("#rb-party").selectOption("3")
    await frame.locator("#rb-date").fill(date)
    await frame.locator("#rb-date").dispatchEvent("change")
    await frame.getByRole("button", { name: "19:00" }).click()
    await frame.getByLabel("Name").fill("Ana Guest")
    await frame.getByLabel("E-mail").fill("ana.guest@example.com")
    await frame.getByLabel("Phone (optional)").fill("+351 912 345 678")
    await frame.locator("input[name=newsletter]").check()
    // a person takes a moment to fill in the form; the page's time trap refuses a bot that posts at once
    await page.waitForTimeout(1600)
    await frame.getByRole("button", { name: "Book now" }).click()
    await frame.locator("#rb-done").waitFor({ state: "visible", timeout: 15_000 })
    await expect(frame.locator("#rb-status").textContent()).resolves.toContain("confirmed")

    const list = await adminApi(`/admin/reservations?location_id=${location.id}&date=${date}`)
    expect(list.body.reservations).toHaveLength(1)
    expect(list.body.reservations[0]).toMatchObject({ name: "Ana Guest", party_size: 3, status: "confirmed", source: "online", newsletter: true, locale: "en" })
    expect(new Date(list.body.reservations[0].starts_at).toISOString()).toBe(DateTime.fromISO(`${date}T19:00`, { zone: "Europe/Berlin" }).toUTC().toISO())
  })

  it("tells a German guest in German why a booking is refused (the e-mail's daily budget is spent)", async () => {
    const location = await createLocation({ name: "Budget Café", time_zone: "Europe/Berlin" })
    const put = await adminApi(`/admin/reservations/locations/${location.id}/settings`, {
      method: "PUT",
      body: { online: true, slot_minutes: 30, opening_hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: "18:00", close: "22:00" })), turn_minutes: 90, buffer_minutes: 0, min_party: 1, max_party: 6, lead_minutes: 60, horizon_days: 60 },
    })
    expect(put.status, put.text).toBe(200)
    const area = await adminApi("/admin/reservations/areas", { body: { location_id: location.id, name: "Raum" } })
    for (const name of ["B1", "B2", "B3", "B4", "B5", "B6"]) {
      await adminApi("/admin/reservations/tables", { body: { area_id: area.body.area.id, name, min_seats: 1, max_seats: 4 } })
    }
    const email = `budget-${Date.now()}@example.com`
    const date = DateTime.now().setZone("Europe/Berlin").plus({ days: 6 }).toISODate() as string
    for (let i = 0; i < 5; i++) {
      const r = await api("/store/reservations", {
        body: { location_id: location.id, starts_at: DateTime.fromISO(`${date}T18:30`, { zone: "Europe/Berlin" }).toISO(), party_size: 2, name: "Bot", email },
        headers: { "x-forwarded-for": clientIp() },
      })
      expect(r.status, r.text).toBe(201)
    }

    await page.goto(`${siteUrl}/?src=${encodeURIComponent(`${inject("baseUrl")}/embed/booking?location_id=${location.id}&locale=de`)}`)
    const frame = page.frameLocator("#booking")
    await frame.locator("#rb-date").fill(date)
    await frame.locator("#rb-date").dispatchEvent("change")
    await frame.getByRole("button", { name: "19:00" }).click()
    await frame.getByLabel("Name").fill("Berta Gast")
    await frame.getByLabel("E-Mail").fill(email)
    await page.waitForTimeout(1600)
    await frame.getByRole("button", { name: "Verbindlich reservieren" }).click()
    await frame.locator("#rb-status", { hasText: "Zu viele Reservierungen in kurzer Zeit" }).waitFor({ timeout: 15_000 })
    expect((await adminApi(`/admin/reservations?location_id=${location.id}&date=${date}`)).body.reservations).toHaveLength(5)
  })
})
