/**
 * The "Prepaid cards" admin page: a card issued at a till shows in the list,
 * opens with its balance and history, and takes an adjustment with a reason.
 */
import fs from "fs"
import path from "path"

import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { adminApi } from "../support/api"
import { openFromSidebar, openPage, signInToAdmin } from "../support/browser"
import { createTerminal, posApi } from "../support/pos"
import { LOG_DIR } from "../support/server"

let browser: Browser
let page: Page

beforeAll(async () => {
  ;({ browser, page } = await openPage({ viewport: { width: 1600, height: 1000 } }))
})
afterAll(() => browser?.close())

describe("the prepaid cards page", () => {
  it("finds a card issued at a till, shows its history and tops it up with a reason", async () => {
    const { key } = await createTerminal({ scopes: ["prepaid_charge", "prepaid_topup"] })
    const issued = await posApi("/store/pos/prepaid-cards", { key, body: { currency_code: "eur" } })
    expect(issued.status, issued.text).toBe(201)
    const card = issued.body.prepaid_card
    await posApi(`/store/pos/prepaid-cards/${card.code}/top-up`, { key, body: { amount: 1250, tender: "cash" } })

    await signInToAdmin(page)

    await openFromSidebar(page, "Prepaid cards")

    await page.locator("#pp-search").fill(card.code)
    await page.getByRole("button", { name: "Search", exact: true }).click()
    const row = page.locator(`[data-prepaid-code="${card.code}"]`)
    await row.waitFor({ timeout: 30_000 })
    await expect(row.textContent()).resolves.toContain("12.50 EUR")

    await row.getByRole("button", { name: "Open" }).click()
    const detail = page.getByTestId("prepaid-detail")
    await detail.waitFor({ timeout: 30_000 })
    await expect(page.getByTestId("prepaid-history").textContent()).resolves.toContain("load")

    await page.locator("#pp-amount").fill("2.50")
    await page.locator("#pp-reason").fill("goodwill")
    await page.getByRole("button", { name: "Top up" }).click()
    await expect.poll(() => page.getByTestId("prepaid-balance").textContent(), { timeout: 15_000 }).toBe("15.00 EUR")

    fs.mkdirSync(LOG_DIR, { recursive: true })
    await page.screenshot({ path: path.join(LOG_DIR, "prepaid-cards.png") })

    const res = await adminApi(`/admin/prepaid-cards/${card.id}`)
    expect(res.body.transactions[0]).toEqual(expect.objectContaining({ type: "adjust", amount: 250, reference: "goodwill" }))
  })
})
