/**
 * The registration page `/embed/events/:id` in Chromium, inside an iframe of
 * another origin as a merchant's site embeds it: it shows the event, takes a
 * registration with a custom question and confirms it; the place is taken.
 * Also the events page in the admin lists the event with its participant,
 * links the printable list and checks the participant in with a click.
 */
import http from "http"
import type { AddressInfo } from "net"

import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi, api } from "../support/api"
import { launchBrowser, openFromSidebar, signInToAdmin } from "../support/browser"

let browser: Browser
let page: Page
let site: http.Server
let siteUrl: string
let eventId: string

beforeAll(async () => {
  const venue = await adminApi("/admin/events/venues", { body: { name: "Weinkeller", address: "Rua Augusta 1, Lisboa", time_zone: "Europe/Lisbon" } })
  const event = await adminApi("/admin/events", {
    body: {
      title: `Weinprobe ${Date.now().toString(36)}`,
      description: "Fünf Weine **aus dem Douro**",
      venue_id: venue.body.venue.id,
      starts_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      ends_at: new Date(Date.now() + 7 * 86_400_000 + 7_200_000).toISOString(),
      capacity: 8,
      price: 3500,
      currency_code: "EUR",
      published: true,
      questions: [{ id: "diet", type: "choice", label: { de: "Ernährung", en: "Diet", pt: "Dieta" }, required: true, choices: [{ id: "veg", label: { en: "Vegetarian" } }, { id: "all", label: { en: "Anything" } }] }],
    },
  })
  expect(event.status, event.text).toBe(201)
  eventId = event.body.event.id
  // The merchant's website: another origin that frames the page.
  site = http.createServer((_req, res) => {
    res.setHeader("content-type", "text/html")
    res.end(`<!doctype html><html><body><h1>Unsere Events</h1><iframe id="cm" src="${inject("baseUrl")}/embed/events/${eventId}?locale=en" width="600" height="900"></iframe></body></html>`)
  })
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve))
  siteUrl = `http://localhost:${(site.address() as AddressInfo).port}/`
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
})

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => site?.close(resolve))
})

describe("the embedded registration page", () => {
  it("registers a participant from inside another site's iframe", async () => {
    const errors: string[] = []
    page.on("pageerror", (e) => errors.push(e.message))
    await page.goto(siteUrl)
    const frame = page.frameLocator("#cm")
    await expect.poll(() => frame.locator("h1").textContent(), { timeout: 15_000 }).toMatch(/^Weinprobe/)
    await frame.getByText("8 places left").waitFor()
    await frame.getByLabel("Name").fill("Rita Guest")
    await frame.getByLabel("E-mail").fill("rita@example.com")
    await frame.getByLabel(/Number of places/).fill("2")
    await frame.getByLabel(/Diet/).selectOption("veg")
    await frame.getByRole("button", { name: "Register" }).click()
    await frame.getByText("You are registered.").waitFor({ timeout: 15_000 })
    expect(errors).toEqual([])
    const after = await api(`/store/events/${eventId}`)
    expect(after.body.event.seats_left).toBe(6)
    const list = await adminApi(`/admin/events/${eventId}/registrations`)
    expect(list.body.registrations).toEqual([expect.objectContaining({ name: "Rita Guest", quantity: 2, status: "confirmed", payment_status: "unpaid", answers: { diet: "veg" } })])
  })

  it("lists the event and its participant on the admin's events page", async () => {
    await signInToAdmin(page)
    await openFromSidebar(page, "Events")
    await page.getByText(/^Weinprobe/).first().click()
    const participants = page.getByTestId("event-participants")
    await participants.getByText("Rita Guest").waitFor({ timeout: 15_000 })
    // The printable list is one click away, in the admin's language.
    await expect(participants.locator(`a[href*="registrations?format=pdf"]`).getAttribute("href")).resolves.toBe(`/admin/events/${eventId}/registrations?format=pdf&locale=en`)
    // A click at the door checks Rita's group in, once.
    await participants.locator('[data-registration-name="Rita Guest"]').getByRole("button", { name: "Check in" }).click()
    await expect
      .poll(async () => (await adminApi(`/admin/events/${eventId}/registrations`)).body.totals.checked_in, { timeout: 15_000 })
      .toBe(2)
    await participants.locator('[data-registration-name="Rita Guest"]').getByText("checked in").waitFor({ timeout: 15_000 })
  })
})
