/**
 * The venues and templates of the "Events" admin page in Chromium: a venue and
 * a template made in the admin, a weekly series from the template previewed in
 * the venue's zone (across the clock change) and created, the dates listed on
 * the events tab, one date moved alone by its local time; a venue in use is
 * refused after the confirmation dialog.
 */
import fs from "fs"
import path from "path"

import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { adminApi } from "../support/api"
import { launchBrowser, openFromSidebar, signInToAdmin } from "../support/browser"
import { LOG_DIR } from "../support/server"

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1600, height: 1200 } })
})

afterAll(async () => {
  await browser?.close()
})

describe("venues, templates and series in the admin", () => {
  it("creates a venue and a template, previews and creates a weekly series from it, and the dates appear", async () => {
    const tag = Date.now().toString(36)
    const venueName = `Studio ${tag}`
    const title = `Brotbackkurs ${tag}`
    await signInToAdmin(page)
    await openFromSidebar(page, "Events")

    await page.getByRole("tab", { name: "Venues" }).click()
    const venueForm = page.getByTestId("event-venue-form")
    await venueForm.getByLabel("Name").fill(venueName)
    await venueForm.getByLabel("Address").fill("Backstraße 3, Berlin")
    await venueForm.getByLabel("Time zone").fill("Europe/Berlin")
    await venueForm.getByLabel("Capacity hint").fill("12")
    await venueForm.getByRole("button", { name: "Create" }).click()
    await page.locator(`[data-venue-name="${venueName}"]`).waitFor({ timeout: 15_000 })

    await page.getByRole("tab", { name: "Templates" }).click()
    const templateForm = page.getByTestId("event-template-form")
    await templateForm.getByLabel("Title").fill(title)
    await templateForm.getByLabel("Venue").selectOption({ label: venueName })
    await templateForm.getByLabel("Duration (minutes)").fill("150")
    await templateForm.getByLabel("Capacity", { exact: true }).fill("8")
    await templateForm.getByLabel("Price (0 = free)").fill("45.00")
    await templateForm.getByRole("button", { name: "Create" }).click()
    const row = page.locator(`[data-template-title="${title}"]`)
    await row.waitFor({ timeout: 15_000 })
    await expect(row.textContent()).resolves.toContain("45.00 EUR")

    await row.getByRole("button", { name: "Create dates" }).click()
    const series = page.getByTestId("event-series-form")
    await series.getByLabel("Start time (local)").fill("19:30")
    await series.getByLabel("Weekly on weekdays").check()
    await series.locator('input[name="ev-series-weekday-2"]').check()
    await series.locator('input[name="ev-series-weekday-4"]').check()
    await series.getByLabel("From", { exact: true }).fill("2027-03-22")
    await series.getByLabel("Until", { exact: true }).fill("2027-04-01")
    await series.getByRole("button", { name: "Preview" }).click()
    const preview = page.getByTestId("event-series-preview")
    await preview.waitFor({ timeout: 15_000 })
    const shown = await preview.textContent()
    expect(shown).toContain("4 dates in Europe/Berlin")
    // The local time stays 19:30 across the clock change on 28 March; the UTC instant moves.
    expect(shown).toContain("2027-03-23 19:30")
    expect(shown).toContain("2027-03-23 18:30 UTC")
    expect(shown).toContain("2027-04-01 19:30")
    expect(shown).toContain("2027-04-01 17:30 UTC")
    await series.getByRole("button", { name: "Create dates" }).click()
    await expect.poll(() => page.getByTestId("event-series-created").textContent(), { timeout: 15_000 }).toBe("4 dates created")

    const made = await adminApi(`/admin/events?q=${encodeURIComponent(title)}`)
    expect(made.body.events.map((e: { local_start: string }) => e.local_start)).toEqual(["2027-03-23T19:30", "2027-03-25T19:30", "2027-03-30T19:30", "2027-04-01T19:30"])
    expect(made.body.events.every((e: { capacity: number; price: number; venue: { name: string } }) => e.capacity === 8 && e.price === 4500 && e.venue.name === venueName)).toBe(true)

    await page.getByRole("tab", { name: "Events" }).click()
    await page.locator("#ev-events-search").fill(title)
    for (const e of made.body.events as { id: string }[]) {
      await page.locator(`[data-event-id="${e.id}"]`).waitFor({ timeout: 15_000 })
    }

    // One date of the series changed alone, by its local time in the venue's zone.
    const first = made.body.events[0] as { id: string }
    await page.locator(`[data-event-id="${first.id}"]`).click()
    const editor = page.getByTestId("event-editor")
    await editor.getByLabel("Start (local time, Europe/Berlin)").fill("2027-03-23T20:00")
    await editor.getByLabel("End (local time, Europe/Berlin)").fill("2027-03-23T22:30")
    await editor.getByRole("button", { name: "Save" }).click()
    await expect
      .poll(async () => (await adminApi(`/admin/events/${first.id}`)).body.event, { timeout: 15_000 })
      .toMatchObject({ local_start: "2027-03-23T20:00", starts_at: "2027-03-23T19:00:00.000Z", ends_at: "2027-03-23T21:30:00.000Z" })
    expect((await adminApi(`/admin/events/${made.body.events[1].id}`)).body.event.local_start).toBe("2027-03-25T19:30")

    await page.getByRole("tab", { name: "Venues" }).click()
    await page.locator(`[data-venue-name="${venueName}"]`).getByRole("button", { name: "Delete" }).click()
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click()
    await expect.poll(() => page.getByTestId("event-venues-note").textContent(), { timeout: 15_000 }).toContain("venue_in_use")
    expect((await adminApi(`/admin/events/venues/${made.body.events[0].venue.id}`)).status).toBe(200)

    fs.mkdirSync(LOG_DIR, { recursive: true })
    await page.screenshot({ path: path.join(LOG_DIR, "event-admin.png"), fullPage: true })
  })
})
