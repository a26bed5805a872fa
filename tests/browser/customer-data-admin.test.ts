/**
 * The "Customer data" widget on Medusa's customer page: the export downloads the
 * customer's JSON file; the erasure stays disabled until the merchant types the
 * customer's e-mail, asks once more, then shows what was kept; in German too.
 */
import fs from "fs"
import path from "path"

import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi } from "../support/api"
import { launchBrowser, signInToAdmin } from "../support/browser"
import { LOG_DIR } from "../support/server"

let browser: Browser
let page: Page

async function customer(tag: string): Promise<{ id: string; email: string }> {
  const email = `gdpr-${tag}-${Date.now().toString(36)}@example.test`
  const res = await adminApi("/admin/customers", { body: { email, first_name: "Erika", last_name: `Muster${tag}`, password: "secret-password-1" } })
  expect(res.status, res.text).toBe(201)
  return { id: res.body.customer.id, email }
}

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await signInToAdmin(page)
  await page.getByRole("link", { name: "Customer modules" }).waitFor({ timeout: 30_000 })
})

afterAll(async () => {
  await browser?.close()
})

describe("the customer data widget", () => {
  it("downloads the export and erases only after the typed e-mail and a second confirmation", async () => {
    const c = await customer("en")
    await page.goto(`${inject("baseUrl")}/app/a/customers/${c.id}`)
    const widget = page.getByTestId("customer-data-widget")
    await widget.waitFor({ timeout: 30_000 })
    await page.getByRole("heading", { name: "Customer data (GDPR)" }).waitFor({ timeout: 15_000 })

    const href = await page.getByTestId("customer-data-export").getAttribute("href")
    const file = await page.request.get(`${inject("baseUrl")}${href}`)
    expect(file.status()).toBe(200)
    expect(file.headers()["content-disposition"]).toContain(`customer-data-${c.id}-`)
    expect((await file.json()).medusa.customer.email).toBe(c.email)

    const erase = page.getByTestId("customer-data-erase")
    await expect(erase.isDisabled()).resolves.toBe(true)
    await page.locator("#customer-data-confirm").fill("someone-else@example.test")
    await expect(erase.isDisabled()).resolves.toBe(true)
    await page.locator("#customer-data-confirm").fill(c.email)
    await expect(erase.isEnabled()).resolves.toBe(true)
    fs.mkdirSync(LOG_DIR, { recursive: true })
    await page.screenshot({ path: path.join(LOG_DIR, "customer-data-en.png"), fullPage: true })
    await erase.click()
    await page.getByRole("button", { name: "Erase now" }).click()
    const done = page.getByTestId("customer-data-erased")
    await done.waitFor({ timeout: 30_000 })
    await expect(done.textContent()).resolves.toContain("Personal data erased")
    await expect.poll(async () => (await adminApi(`/admin/customer-data/${c.id}/export`)).body.medusa.customer.email, { timeout: 15_000 }).toBe(`erased+${c.id}@invalid`)
  })

  it("speaks German when the merchant chose German", async () => {
    const c = await customer("de")
    await page.evaluate(() => window.localStorage.setItem("i18nextLng", "de"))
    try {
      await page.goto(`${inject("baseUrl")}/app/a/customers/${c.id}`)
      await page.getByRole("heading", { name: "Kundendaten (DSGVO)" }).waitFor({ timeout: 30_000 })
      await expect(page.getByTestId("customer-data-export").textContent()).resolves.toBe("Daten exportieren")
      await page.screenshot({ path: path.join(LOG_DIR, "customer-data-de.png"), fullPage: true })
    } finally {
      await page.evaluate(() => window.localStorage.setItem("i18nextLng", "en"))
    }
  })
})
