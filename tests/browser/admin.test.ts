import fs from "fs"
import path from "path"

import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { launchBrowser, signInToAdmin } from "../support/browser"
import { LOG_DIR } from "../support/server"

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
})

afterAll(async () => {
  await browser?.close()
})

describe("the Medusa admin", () => {
  it("logs in and shows the Customer modules page with every module healthy", async () => {
    await signInToAdmin(page)

    const link = page.getByRole("link", { name: "Customer modules" })
    await link.waitFor({ timeout: 30_000 })
    await link.click()

    const row = page.locator('[data-module="@customer-modules/core"]')
    await row.waitFor({ timeout: 30_000 })
    await expect(row.textContent()).resolves.toContain("0.1.0")
    await expect(row.textContent()).resolves.toContain("ok")
    await expect(page.getByRole("heading", { name: "Customer modules" }).isVisible()).resolves.toBe(true)

    fs.mkdirSync(LOG_DIR, { recursive: true })
    await page.screenshot({ path: path.join(LOG_DIR, "customer-modules.png") })
  })
})
