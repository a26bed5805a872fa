/**
 * The venues and templates of the "Events" admin page in Chromium: a venue and
 * a template made in the admin, a weekly series from the template previewed in
 * the venue's zone (across the clock change) and created, the dates listed on
 * the events tab, one date moved alone by its local time; a venue in use is
 * refused after the confirmation dialog. A template's registration questions
 * and price categories are built in rows (no JSON) and saved exactly.
 */
import fs from "fs"
import path from "path"

import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { adminApi } from "../support/api"
import { openFromSidebar, openPage, signInToAdmin } from "../support/browser"
import { LOG_DIR } from "../support/server"

let browser: Browser
let page: Page

beforeAll(async () => {
  ;({ browser, page } = await openPage({ viewport: { width: 1600, height: 1200 } }))
})
afterAll(() => browser?.close())

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

  it("builds a template's questions and price categories in rows, without JSON, and saves exactly them", async () => {
    const tag = Date.now().toString(36)
    const title = `Sauerteigkurs ${tag}`
    // A page of its own (its own sign-in), whatever the other test left open.
    const admin = await browser.newPage({ viewport: { width: 1600, height: 1200 } })
    await signInToAdmin(admin)
    await openFromSidebar(admin, "Events")
    await admin.getByRole("tab", { name: "Templates" }).click()
    const form = admin.getByTestId("event-template-form")
    await form.getByLabel("Title").fill(title)
    await form.getByLabel("Duration (minutes)").fill("90")
    await form.getByLabel("Capacity", { exact: true }).fill("6")
    await form.getByLabel("Price (0 = free)").fill("20.00")

    // Two questions: a required yes/no one, then a choice with two options moved above it.
    const questions = form.getByTestId("ev-tpl-questions")
    await expect(questions.textContent()).resolves.toContain("No registration questions")
    await questions.getByRole("button", { name: "Add question" }).click()
    const yesNo = questions.getByTestId("ev-question-0")
    await yesNo.getByLabel("Question (English)").fill("Any allergies?")
    await yesNo.getByLabel("Answer", { exact: true }).selectOption("yes_no")
    await yesNo.getByLabel("Must be answered").check()
    await questions.getByRole("button", { name: "Add question" }).click()
    const choice = questions.getByTestId("ev-question-1")
    await choice.getByLabel("Question (German)").fill("Welches Brot?")
    await choice.getByLabel("Question (English)").fill("Which bread?")
    await choice.getByLabel("Answer", { exact: true }).selectOption("choice")
    const option = (n: number) => choice.getByTestId(`ev-question-1-option-${n}`)
    await option(0).getByLabel("Option (German)").fill("Roggen")
    await option(0).getByLabel("Option (English)").fill("Rye")
    await option(1).getByLabel("Option (German)").fill("Dinkel")
    await option(1).getByLabel("Option (Portuguese)").fill("Espelta")
    await choice.getByRole("button", { name: "Move up" }).click()
    await expect(questions.getByTestId("ev-question-0").getByLabel("Question (German)").inputValue()).resolves.toBe("Welches Brot?")

    // Two price categories typed in currency units; a third one added and removed after the dialog.
    const categories = form.getByTestId("ev-tpl-categories")
    for (const [i, name, price] of [[0, "Adult", "12.50"], [1, "Child", "8.50"], [2, "Member", "1.00"]] as const) {
      await categories.getByRole("button", { name: "Add price category" }).click()
      await categories.getByTestId(`ev-category-${i}`).getByLabel("Name (English)").fill(name)
      await categories.getByTestId(`ev-category-${i}`).getByLabel("Amount").fill(price)
    }
    await categories.getByTestId("ev-category-0").getByLabel("Name (German)").fill("Erwachsene")
    await categories.getByTestId("ev-category-2").getByRole("button", { name: "Remove" }).click()
    await admin.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click()
    await expect.poll(() => categories.getByTestId("ev-category-2").count()).toBe(0)

    expect(await admin.locator("body").innerText()).not.toContain("JSON")
    fs.mkdirSync(LOG_DIR, { recursive: true })
    await form.screenshot({ path: path.join(LOG_DIR, "event-template-rows.png") })
    await form.getByRole("button", { name: "Create" }).click()
    const row = admin.locator(`[data-template-title="${title}"]`)
    await row.waitFor({ timeout: 15_000 })

    const list = await adminApi("/admin/events/templates")
    const made = (list.body.templates as { id: string; title: string }[]).find((x) => x.title === title)
    expect(made).toBeDefined()
    const saved = (await adminApi(`/admin/events/templates/${made?.id}`)).body.template
    expect(saved.questions).toEqual([
      {
        id: "welches-brot",
        type: "choice",
        label: { de: "Welches Brot?", en: "Which bread?" },
        required: false,
        choices: [
          { id: "roggen", label: { de: "Roggen", en: "Rye" } },
          { id: "dinkel", label: { de: "Dinkel", pt: "Espelta" } },
        ],
      },
      { id: "any-allergies", type: "yes_no", label: { en: "Any allergies?" }, required: true },
    ])
    expect(saved.price_categories).toEqual([
      { id: "erwachsene", label: { de: "Erwachsene", en: "Adult" }, price: 1250 },
      { id: "child", label: { en: "Child" }, price: 850 },
    ])
    expect(saved.price).toBe(2000)

    // Editing shows the saved rows again (amounts in currency units), still without JSON.
    await row.getByRole("button", { name: "Edit" }).click()
    const edit = admin.getByTestId("event-template-form")
    await expect(edit.getByTestId("ev-question-1").getByLabel("Question (English)").inputValue()).resolves.toBe("Any allergies?")
    await expect(edit.getByTestId("ev-category-0").getByLabel("Amount").inputValue()).resolves.toBe("12.50")
    expect(await admin.locator("body").innerText()).not.toContain("JSON")
    await admin.close()
  })
})
