import { randomUUID } from "crypto"
import fs from "fs"
import path from "path"

import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi } from "../support/api"
import { openPage, signInToAdmin } from "../support/browser"
import { LOG_DIR } from "../support/server"

let browser: Browser
let page: Page

beforeAll(async () => {
  ;({ browser, page } = await openPage({ viewport: { width: 1400, height: 900 } }))
})
afterAll(() => browser?.close())

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
    // The first login goes straight to work: no usage-data question from Medusa (issue 19). The
    // admin asks only once its analytics-config query has settled (it retries a 404 for seconds),
    // so the question is given time to appear.
    await expect(page.getByText("Help us get better").waitFor({ state: "visible", timeout: 15_000 })).rejects.toThrow(/Timeout/)

    fs.mkdirSync(LOG_DIR, { recursive: true })
    await page.screenshot({ path: path.join(LOG_DIR, "customer-modules.png") })
  })

  // TanStack Query before 4.29.12 lost a result that arrived between a hook's first render and its
  // subscription, and Medusa's admin pins 4.22.0: about one full load in ten stayed on the sign-in
  // spinner for good (4 of 40 here). package.json overrides it with 4.36.1; this fails if that goes.
  it("shows the page after every full load, not a spinner that never ends", async () => {
    const email = `boot-${randomUUID().slice(0, 8)}@example.com`
    const created = await adminApi("/admin/customers", { body: { email, first_name: "Boot", last_name: "Check", password: "secret-123" } })
    expect(created.status, created.text).toBe(201)
    const url = `${inject("baseUrl")}/app/a/customers/${created.body.customer.id}`
    const stuck: number[] = []
    for (let load = 1; load <= 25; load++) {
      await page.goto(url)
      const shown = await page
        .getByText(email)
        .first()
        .waitFor({ timeout: 8_000 })
        .then(() => true)
        .catch(() => false)
      if (!shown) stuck.push(load)
    }
    expect(stuck, `loads that never showed the customer: ${stuck.join(", ")}`).toEqual([])
  }, 300_000)
})
