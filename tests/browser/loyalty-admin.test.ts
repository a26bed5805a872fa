/**
 * The "Loyalty" admin page: it states the earning rule, finds a customer
 * registered at a till with their points, and books extra points with a reason;
 * the customer's page shows the points in the loyalty widget.
 */
import { randomUUID } from "crypto"

import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi } from "../support/api"
import { launchBrowser, openFromSidebar, signInToAdmin } from "../support/browser"
import { createTerminal, posApi } from "../support/pos"

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
})

afterAll(async () => {
  await browser?.close()
})

describe("the loyalty page", () => {
  it("shows the earning rule, finds a till customer with points and grants extra points", async () => {
    const { key } = await createTerminal({ scopes: ["loyalty"] })
    const lastName = `Browser${randomUUID().slice(0, 6)}`
    const registered = await posApi("/store/pos/customers", { key, body: { first_name: "Bea", last_name: lastName } })
    expect(registered.status, registered.text).toBe(201)
    const customerId = registered.body.customer.id
    const granted = await adminApi(`/admin/loyalty/customers/${customerId}/adjust`, { body: { points: 40, reason: "welcome" } })
    expect(granted.status, granted.text).toBe(200)

    await signInToAdmin(page)

    await openFromSidebar(page, "Loyalty", { name: "Loyalty", exact: true })
    await expect(page.getByTestId("loyalty-earning-rule").textContent()).resolves.toContain("paid amount after discounts")

    await page.locator("#ly-search").fill(lastName)
    await page.getByRole("button", { name: "Search", exact: true }).click()
    const row = page.locator(`[data-loyalty-customer="${customerId}"]`)
    await row.waitFor({ timeout: 30_000 })
    await expect(row.getByTestId("loyalty-points").textContent()).resolves.toBe("40")

    await row.getByLabel("Points (negative deducts)").fill("15")
    await row.getByLabel("Reason").fill("complaint")
    await row.getByRole("button", { name: "Book" }).click()
    await page.locator(`[data-loyalty-customer="${customerId}"] [data-testid="loyalty-points"]:text-is("55")`).waitFor({ timeout: 30_000 })

    const overview = await adminApi(`/admin/loyalty/customers/${customerId}`)
    expect(overview.body.points).toBe(55)
    expect(overview.body.transactions[0]).toEqual(expect.objectContaining({ type: "grant", amount: 15, reference: "complaint" }))

    // The customer's page in the Medusa admin shows the points too.
    await page.goto(`${inject("baseUrl")}/app/a/customers/${customerId}`)
    const widget = page.getByTestId("loyalty-customer-widget")
    await widget.waitFor({ timeout: 30_000 })
    await page.locator(`[data-testid="loyalty-customer-widget"]:has-text("55 points")`).waitFor({ timeout: 30_000 })
  })
})
