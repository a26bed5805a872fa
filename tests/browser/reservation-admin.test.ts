/**
 * The "Reservations" admin page in Chromium: the floor-plan editor saves a
 * dragged table's position, the timeline shows a booking on its table's row,
 * and the live floor plan reassigns a dragged booking (and puts a refused one back).
 */
import { DateTime } from "luxon"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi } from "../support/api"
import { openFromSidebar, openPage, signInToAdmin } from "../support/browser"
import { eventually } from "../support/eventually"
import { createLocation } from "../support/pos"

let browser: Browser
let page: Page

beforeAll(async () => {
  ;({ browser, page } = await openPage({ viewport: { width: 1600, height: 1100 }, locale: "en-US" }))
})
afterAll(() => browser?.close())

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

    await openReservations()
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

  it("shows a booking made over HTTP as a bar on its table's row of the timeline, and a click picks it in the list", async () => {
    const v = await venue("Timeline")
    const r = await adminApi("/admin/reservations", { body: { location_id: v.location_id, starts_at: at(v.date, "19:00"), party_size: 3, name: "Tina Timeline", table_ids: [v.tables[1]] } })
    expect(r.status, r.text).toBe(201)
    const id = r.body.reservation.id as string

    await openDay(v)
    const bar = page.locator(`[data-timeline-table="${v.tables[1]}"] [data-timeline-booking="${id}"]`)
    await bar.waitFor({ timeout: 30_000 })
    expect(await bar.textContent()).toContain("Tina Timeline · 3")
    expect(await page.locator(`[data-timeline-table="${v.tables[0]}"] [data-timeline-booking]`).count()).toBe(0)
    await bar.click()
    await page.locator(`[data-reservation-id="${id}"][data-highlighted="true"]`).waitFor({ timeout: 10_000 })
  }, 90_000)

  it("reassigns a booking dragged to another table on the live floor plan, and puts a refused one back with the server's reason", async () => {
    const v = await venue("Live")
    const book = async (name: string, table: string) => {
      const r = await adminApi("/admin/reservations", { body: { location_id: v.location_id, starts_at: at(v.date, "19:00"), party_size: 2, name, table_ids: [table] } })
      expect(r.status, r.text).toBe(201)
      return r.body.reservation.id as string
    }
    const moved = await book("Mia Moved", v.tables[0])
    const stays = await book("Sam Stays", v.tables[2])
    const tablesOf = async (id: string) =>
      (await adminApi(`/admin/reservations?location_id=${v.location_id}&date=${v.date}`)).body.reservations.find((x: { id: string }) => x.id === id).table_ids

    await openDay(v)
    await page.getByRole("button", { name: "Floor plan" }).click()
    await page.getByRole("button", { name: "Live" }).click()
    await page.locator("#res-live-time").fill("19:30")
    const chip = page.locator(`[data-live-table="${v.tables[0]}"] [data-live-booking="${moved}"]`)
    await chip.waitFor({ timeout: 30_000 })
    expect(await page.locator(`[data-live-table="${v.tables[0]}"]`).getAttribute("data-state")).toBe("reserved")
    await chip.dragTo(page.locator(`[data-live-table="${v.tables[1]}"]`))
    await page.locator("[data-res-live-message]", { hasText: "Reassigned: Mia Moved → H2" }).waitFor({ timeout: 30_000 })
    await page.locator(`[data-live-table="${v.tables[1]}"] [data-live-booking="${moved}"]`).waitFor({ timeout: 30_000 })
    expect(await tablesOf(moved)).toEqual([v.tables[1]])

    // from the day's list onto the table just taken: refused, and back where it was
    await page.locator(`[data-day-booking="${stays}"] [data-live-booking="${stays}"]`).dragTo(page.locator(`[data-live-table="${v.tables[1]}"]`))
    await page.locator("[data-res-live-message]", { hasText: "A chosen table is taken at that time" }).waitFor({ timeout: 30_000 })
    await page.locator(`[data-live-table="${v.tables[2]}"] [data-live-booking="${stays}"]`).waitFor({ timeout: 10_000 })
    expect(await page.locator(`[data-live-table="${v.tables[1]}"] [data-live-booking="${stays}"]`).count()).toBe(0)
    expect(await tablesOf(stays)).toEqual([v.tables[2]])
    // and the day list tells staff what moved
    await page.getByRole("button", { name: "Day list" }).click()
    await page.locator(`[data-reservation-id="${moved}"] [data-moved-from]`, { hasText: "moved from H1" }).waitFor({ timeout: 30_000 })
  }, 90_000)

  it("books by phone at a table the guest asked for, and pins and unpins a booking from the day list", async () => {
    const v = await venue("Phone")
    await openDay(v)
    await page.locator("#nb-time").fill("19:00")
    await page.locator("#nb-party").fill("2")
    await page.locator("#nb-name").fill("Paul Phone")
    await page.locator("#nb-table").selectOption(v.tables[2])
    await page.locator("#nb-asked").check()
    await page.getByRole("button", { name: "Save", exact: true }).click()
    await page.locator("[data-res-booking-message]", { hasText: "Saved" }).waitFor({ timeout: 30_000 })
    const find = async () => (await adminApi(`/admin/reservations?location_id=${v.location_id}&date=${v.date}`)).body.reservations.find((x: { name: string }) => x.name === "Paul Phone")
    const booked = await find()
    expect(booked).toMatchObject({ table_ids: [v.tables[2]], pinned: true, guest_requested: true, source: "phone" })
    expect(new Date(booked.starts_at).toISOString()).toBe(new Date(at(v.date, "19:00")).toISOString())

    await page.locator(`[data-reservation-id="${booked.id}"] [data-pin="pinned"]`).click()
    await page.locator(`[data-reservation-id="${booked.id}"] [data-pin="free"]`).waitFor({ timeout: 30_000 })
    expect((await find()).pinned).toBe(false)
  }, 90_000)

  it("asks before it cancels a booking: keeping it changes nothing, confirming cancels it", async () => {
    const v = await venue("Confirm")
    const r = await adminApi("/admin/reservations", { body: { location_id: v.location_id, starts_at: at(v.date, "20:00"), party_size: 2, name: "Carla Confirm", table_ids: [v.tables[0]] } })
    expect(r.status, r.text).toBe(201)
    const id = r.body.reservation.id as string
    const statusOf = async () => (await adminApi(`/admin/reservations?location_id=${v.location_id}&date=${v.date}`)).body.reservations.find((x: { id: string }) => x.id === id).status
    await openDay(v)
    const row = page.locator(`[data-reservation-id="${id}"]`)
    await row.waitFor({ timeout: 30_000 })

    await row.getByRole("button", { name: "Cancel", exact: true }).click()
    const dialog = page.getByRole("alertdialog")
    await dialog.getByText("Cancel the booking of Carla Confirm?").waitFor({ timeout: 10_000 })
    await dialog.getByRole("button", { name: "Keep booking" }).click()
    await dialog.waitFor({ state: "hidden", timeout: 10_000 })
    expect(await statusOf()).toBe("confirmed")

    await row.getByRole("button", { name: "Cancel", exact: true }).click()
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancel", exact: true }).click()
    await row.getByText("cancelled", { exact: true }).waitFor({ timeout: 30_000 })
    expect(await statusOf()).toBe("cancelled")
  }, 90_000)

  it("saves the settings form of a location that is already set up, with seating times by party size", async () => {
    const v = await venue("Settings")
    await openReservations()
    await page.locator("#res-location").selectOption(v.location_id)
    // the page's own tab, not Medusa's settings in the sidebar: the bar that holds the location picker
    await page.locator('xpath=//select[@id="res-location"]/ancestor::div[2]').getByRole("button", { name: "Settings", exact: true }).click()
    await page.locator("#rs-slot").waitFor({ timeout: 30_000 })
    await page.locator("#rs-slot").fill("15")
    await page.locator("#rs-turns").fill("2:90, 6:150")
    await page.getByRole("button", { name: "Save" }).click()
    await page.getByText("Saved").waitFor({ timeout: 30_000 })
    const saved = (await adminApi(`/admin/reservations/locations/${v.location_id}/settings`)).body.settings
    expect(saved).toMatchObject({ slot_minutes: 15, turn_minutes: 120, turn_minutes_by_party: [{ up_to: 2, minutes: 90 }, { up_to: 6, minutes: 150 }] })
  }, 90_000)
})

type Venue = { location_id: string; date: string; tables: string[] }

/** A Berlin location open every evening with one area of three tables side by side; `date` is three days ahead. */
async function venue(name: string): Promise<Venue> {
  const location = await createLocation({ name: `AAA ${name} ${Date.now()}` })
  const settings = await adminApi(`/admin/reservations/locations/${location.id}/settings`, {
    method: "PUT",
    body: { online: true, slot_minutes: 30, opening_hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: "17:00", close: "23:00" })), turn_minutes: 120, buffer_minutes: 0, min_party: 1, max_party: 8, lead_minutes: 0, horizon_days: 30 },
  })
  expect(settings.status, settings.text).toBe(200)
  const area = await adminApi("/admin/reservations/areas", { body: { location_id: location.id, name: "Hall" } })
  const tables: string[] = []
  for (const [i, x] of [50, 300, 550].entries()) {
    const t = await adminApi("/admin/reservations/tables", { body: { area_id: area.body.area.id, name: `H${i + 1}`, min_seats: 1, max_seats: 4, x, y: 100, width: 140, height: 120 } })
    expect(t.status, t.text).toBe(201)
    tables.push(t.body.table.id)
  }
  return { location_id: location.id, date: DateTime.now().setZone("Europe/Berlin").plus({ days: 3 }).toISODate() as string, tables }
}

const at = (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone: "Europe/Berlin" }).toISO() as string

let signedIn = false

/** Signs in (once per browser page) and opens the Reservations page from the sidebar. */
async function openReservations(): Promise<void> {
  if (signedIn) {
    await page.goto(`${inject("baseUrl")}/app`)
  } else {
    await signInToAdmin(page)
    signedIn = true
  }
  await openFromSidebar(page, "Reservations")
}

/** Opens the Reservations page on the venue's location and date. */
async function openDay(v: Venue): Promise<void> {
  await openReservations()
  await page.locator("#res-location").selectOption(v.location_id)
  await page.locator("#res-date").fill(v.date)
}
