/**
 * The "Voucher shop" admin page in Chromium: the merchant changes the preset
 * amounts and a text, saves, and the shop answers with them; a design's
 * preview opens the voucher PDF in that design; a blank-voucher batch made on
 * the page downloads its print sheet, and the labels of postal orders link.
 */
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { adminApi, api } from "../support/api"
import { openFromSidebar, openPage, signInToAdmin } from "../support/browser"
import { pdfText } from "../support/pdf"

const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="

let browser: Browser
let page: Page

beforeAll(async () => {
  ;({ browser, page } = await openPage({ viewport: { width: 1600, height: 1200 }, locale: "en-US" }))
})
afterAll(() => browser?.close())

describe("the Voucher shop admin page", { timeout: 120_000 }, () => {
  it("saves the shop settings and the shop shows them; a design previews on the voucher PDF", async () => {
    const design = await adminApi("/admin/voucher-shop/designs", { body: { name: "Admin motif", image: PNG } })
    expect(design.status, design.text).toBe(201)
    await signInToAdmin(page)
    await openFromSidebar(page, "Voucher shop")
    await page.evaluate(() => localStorage.setItem("cm-admin-locale", "en"))
    await page.reload()
    await page.getByRole("heading", { name: "Shop settings" }).waitFor({ timeout: 30_000 })

    const presets = page.getByLabel("Preset amounts (comma separated)")
    await expect.poll(() => presets.inputValue(), { timeout: 30_000 }).not.toBe("")
    // The same amounts as the other voucher-shop test files (they share one server); the German introduction is this test's own.
    const intro = `Zum Verschenken ${Date.now().toString(36)}`
    await presets.fill("25, 50")
    await page.locator("#intro-de").fill(intro)
    await page.getByRole("button", { name: "Save" }).click()
    await page.getByTestId("shop-saved").waitFor({ timeout: 30_000 })

    const shop = await api("/store/voucher-shop?locale=de")
    expect(shop.body.shop.preset_amounts).toEqual([2500, 5000])
    expect(shop.body.shop.texts.intro).toBe(intro)

    // German is there too: the page speaks the language chosen in Medusa's admin.
    await page.evaluate(() => localStorage.setItem("i18nextLng", "de"))
    await page.reload()
    await page.getByRole("heading", { name: "Shop-Einstellungen" }).waitFor({ timeout: 30_000 })

    const card = page.locator("div.rounded", { hasText: "Admin motif" })
    await card.getByRole("button", { name: "Vorschau" }).click()
    const preview = page.getByTestId("design-preview")
    await preview.waitFor({ timeout: 30_000 })
    expect(await preview.getAttribute("src")).toBe(`/admin/voucher-shop/designs/${design.body.design.id}/preview`)
  })

  it("makes a blank-voucher batch and downloads its print sheet with the PINs shown on the page", async () => {
    // A browser context of its own (signed out, the language unset).
    const page = await browser.newPage({ viewport: { width: 1600, height: 1200 }, locale: "en-US" })
    await signInToAdmin(page)
    // The page's language is kept in the browser: English here, whatever another test left.
    await page.evaluate(() => localStorage.setItem("cm-admin-locale", "en"))
    await openFromSidebar(page, "Voucher shop")
    await page.getByRole("heading", { name: "Blank vouchers" }).waitFor({ timeout: 30_000 })
    const name = `Table cards ${Date.now().toString(36)}`
    await page.getByLabel("Batch name").fill(name)
    await page.getByLabel("Number", { exact: true }).fill("3")
    await page.getByRole("button", { name: "Create batch" }).click()
    const shown = page.getByTestId("blank-sheet")
    await shown.waitFor({ timeout: 30_000 })
    const rows = await shown.locator("tbody tr").allTextContents()
    expect(rows).toHaveLength(3)

    const row = page.getByRole("row", { name: new RegExp(name) })
    const link = row.getByRole("link", { name: "Print sheet (PDF)" })
    await link.waitFor({ timeout: 30_000 })
    const sheet = await page.request.get(new URL((await link.getAttribute("href"))!, page.url()).href)
    expect(sheet.status()).toBe(200)
    expect(sheet.headers()["content-type"]).toContain("application/pdf")
    const text = await pdfText(await sheet.body())
    for (const cells of await shown.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent ?? "")))) {
      const [serial, , pin] = cells
      expect(text).toContain(serial)
      expect(text).toContain(pin.replace(/(\d{4})(?=\d)/g, "$1 "))
    }
    await expect.poll(() => page.getByRole("link", { name: "Address labels to print (PDF)" }).getAttribute("href")).toBe("/admin/voucher-shop/sales/labels?to_post=true&locale=en")
    await page.close()
  })
})
