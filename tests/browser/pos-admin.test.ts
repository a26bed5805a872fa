/**
 * The "POS access" admin page: create a terminal, see its key exactly once,
 * revoke it after confirming, and the key stops working.
 */
import fs from "fs"
import path from "path"

import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { openFromSidebar, openPage, signInToAdmin } from "../support/browser"
import { createLocation, posApi } from "../support/pos"
import { LOG_DIR } from "../support/server"

let browser: Browser
let page: Page

beforeAll(async () => {
  ;({ browser, page } = await openPage({ viewport: { width: 1600, height: 1000 } }))
})
afterAll(() => browser?.close())

describe("the POS access page", () => {
  it("creates a terminal, shows its key once and revokes it", async () => {
    const location = await createLocation({ name: `Browser café ${Date.now()}` })
    const terminalName = `Browser till ${Date.now()}`

    await signInToAdmin(page)

    await openFromSidebar(page, "POS access")

    // Create a terminal at the new location with the loyalty scope.
    await page.locator("#term-name").fill(terminalName)
    await page.locator("#term-location").selectOption(location.id)
    await page.getByLabel("loyalty", { exact: true }).check()
    await page.getByRole("button", { name: "Create terminal" }).click()

    const keyBox = page.getByTestId("pos-key")
    await keyBox.waitFor({ timeout: 30_000 })
    const key = (await keyBox.textContent())?.trim() ?? ""
    expect(key).toMatch(/^pos_[A-Za-z0-9_-]{43}$/)
    await expect(page.getByTestId("pos-new-key").textContent()).resolves.toContain("shown only this once")
    expect((await posApi("/store/pos/terminal", { key })).status).toBe(200)

    fs.mkdirSync(LOG_DIR, { recursive: true })
    await page.screenshot({ path: path.join(LOG_DIR, "pos-access-key.png") })

    // Dismissed, the key is gone for good: not on the page, not after a reload.
    await page.getByRole("button", { name: "I have copied the key" }).click()
    await page.reload()
    const row = page.locator(`[data-terminal-name="${terminalName}"]`)
    await row.waitFor({ timeout: 30_000 })
    await expect(page.content()).resolves.not.toContain(key)
    await expect(row.textContent()).resolves.toContain("active")

    // Revoke, after confirming.
    await row.getByRole("button", { name: "Revoke" }).click()
    await page.getByRole("button", { name: "Revoke key" }).click()
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain("revoked")
    expect((await posApi("/store/pos/terminal", { key })).status).toBe(401)
  })
})
