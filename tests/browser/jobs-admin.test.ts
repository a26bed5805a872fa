/**
 * The "Mail & documents" admin page: the outbox lists a sent mail, opening it
 * shows its content, and the branding form previews a sample voucher.
 */
import fs from "fs"
import path from "path"

import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { adminApi } from "../support/api"
import { openFromSidebar, openPage, signInToAdmin } from "../support/browser"
import { uniqueAddress, waitForMail } from "../support/mail"
import { LOG_DIR } from "../support/server"

let browser: Browser
let page: Page

beforeAll(async () => {
  ;({ browser, page } = await openPage({ viewport: { width: 1600, height: 1200 } }))
})
afterAll(() => browser?.close())

describe("the Mail & documents page", () => {
  it("shows a sent mail in the outbox, opens it and previews the branding", { timeout: 120_000 }, async () => {
    const to = uniqueAddress("browser")
    const res = await adminApi("/admin/jobs/mails", {
      body: { key: `browser:${to}`, kind: "generic", to, locale: "en", data: { subject: "Hello from the outbox", body: "Seen in the admin." } },
    })
    expect(res.status).toBe(202)
    await waitForMail((m) => m.envelopeTo.includes(to))

    await signInToAdmin(page)

    await openFromSidebar(page, "Mail & documents")

    const row = page.locator(`[data-mail-to="${to}"]`)
    await row.waitFor({ timeout: 30_000 })
    await expect(row.textContent()).resolves.toContain("sent")
    await expect(row.textContent()).resolves.toContain("Hello from the outbox")

    await row.getByRole("button", { name: "Open" }).click()
    const view = page.getByTestId("jobs-mail-view")
    await view.waitFor({ timeout: 30_000 })
    await expect.poll(() => view.textContent(), { timeout: 15_000 }).toContain("Seen in the admin.")

    await page.getByTestId("jobs-preview-voucher").waitFor({ timeout: 30_000 })
    fs.mkdirSync(LOG_DIR, { recursive: true })
    await page.screenshot({ path: path.join(LOG_DIR, "jobs-admin.png"), fullPage: true })
  })
})
