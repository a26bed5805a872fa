/**
 * The "Reservations" admin page in Chromium: the floor-plan editor saves a
 * dragged table's position, and the day list shows a booking.
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { adminApi } from "../support/api"
import { launchBrowser, openFromSidebar, signInToAdmin } from "../support/browser"
import { eventually } from "../support/eventually"
import { createLocation } from "../support/pos"

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1600, height: 1100 }, locale: "en-US" })
})

afterAll(async () => {
  await browser?.close()
})

describe("the reservations page", () => {
  it("saves the position of a table dragged on the floor plan", async () => {
    const location = await createLocation({ name: `AAA Floor ${Date.now()}` })
    const settings = await adminApi(`/admin/reservations/locations/${location.id}/settings`, {
      method: "PUT",
      body: { online: true, slot_minutes: 30, opening_hours: [{ weekday: 1, open: "18:00", close: "22:00" }], turn_minutes: 90, buffer_minutes: 0, min_party: 1, max_party: 8, lead_minutes: 0, horizon_days: 30 },
    })
    expect(settings.status, settings.text).toBe(200)
    const area = await adminApi("/admin/reservations/areas", { body: { location_id: location.id, name: "Garden" } })
    const table = await adminApi("/admin/reservations/tables", { body: { area_id: area.body.area.id, name: "G1", min_seats: 1, max_seats: 4, x: 100, y: 100, width: 80, height: 80 } })
    expect(table.status, table.text).toBe(201)
    const id = table.body.table.id as string

    await signInToAdmin(page)
    await openFromSidebar(page, "Reservations")
    await page.locator("#res-location").selectOption(location.id)
    await page.getByRole("button", { name: "Floor plan" }).click()
    const box = page.locator(`[data-table-id="${id}"]`)
    await box.waitFor({ timeout: 30_000 })
    const start = await box.boundingBox()
    expect(start).not.toBeNull()
    const cx = start!.x + start!.width / 2
    const cy = start!.y + start!.height / 2
    await page.mouse.move(cx, cy)
    await page.mouse.down()
    await page.mouse.move(cx + 60, cy + 40, { steps: 5 })
    await page.mouse.move(cx + 120, cy + 80, { steps: 5 })
    await page.mouse.up()

    const saved = await eventually(
      async () => (await adminApi(`/admin/reservations/locations/${location.id}/plan`)).body.plan.tables.find((t: { id: string }) => t.id === id),
      (t) => t.x !== 100
    )
    expect({ x: saved.x, y: saved.y, width: saved.width, height: saved.height }).toEqual({ x: 220, y: 180, width: 80, height: 80 })
    // and a reload shows it there
    await page.reload()
    await page.locator("#res-location").selectOption(location.id)
    await page.getByRole("button", { name: "Floor plan" }).click()
    await box.waitFor({ timeout: 30_000 })
    const after = await box.boundingBox()
    expect(Math.round(after!.x - start!.x)).toBe(120)
    expect(Math.round(after!.y - start!.y)).toBe(80)
  })
})
