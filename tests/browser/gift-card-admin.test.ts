/**
 * The "Gift vouchers" admin page: find a voucher sold at the till, open its
 * history, block it there, and the till is refused at once.
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
  ;({ browser, page } = await openPage({ viewport: { width: 1600, height: 1200 } }))
})
afterAll(() => browser?.close())

describe("the Gift vouchers page", () => {
  it("finds a voucher, shows its history and blocks it", async () => {
    const { key } = await createTerminal({ scopes: ["gift_card"] })
    const sold = await posApi("/store/pos/gift-cards", { key, body: { amount: 2500, currency_code: "eur" } })
    expect(sold.status, sold.text).toBe(201)
    const code: string = sold.body.gift_card.code
    await posApi(`/store/pos/gift-cards/${code}/redeem`, { key, body: { amount: 1000, reference: "receipt 77" } })

    await signInToAdmin(page)

    page.on("pageerror", (e) => console.log("pageerror", e.message))
    await openFromSidebar(page, "Gift vouchers")

    // Typed as a customer would read it off the voucher: lower case, no dashes.
    await page.locator("#voucher-q").fill(code.replace(/-/g, "").toLowerCase())
    const row = page.locator(`[data-voucher="${code}"]`)
    await row.waitFor({ timeout: 30_000 })
    await row.click()

    const detail = page.getByTestId("voucher-detail")
    await detail.waitFor({ timeout: 30_000 })
    await expect(page.getByTestId("voucher-balance").textContent()).resolves.toMatch(/15[.,]00/)
    await expect(page.getByTestId("voucher-history").textContent()).resolves.toContain("receipt 77")

    // Blocking asks first: cancelled, nothing happens; confirmed, the voucher is blocked.
    await detail.getByRole("button", { name: "Block" }).click()
    const ask = page.getByRole("alertdialog")
    await expect(ask.textContent()).resolves.toContain(`Block the voucher ${code}?`)
    await ask.getByRole("button", { name: "Cancel" }).click()
    await ask.waitFor({ state: "detached", timeout: 30_000 })
    expect((await adminApi(`/admin/vouchers/${sold.body.gift_card.id}`)).body.gift_card.status).toBe("active")
    await detail.getByRole("button", { name: "Block" }).click()
    await page.getByRole("alertdialog").getByRole("button", { name: "Block" }).click()
    await detail.getByRole("button", { name: "Unblock" }).waitFor({ timeout: 30_000 })
    fs.mkdirSync(LOG_DIR, { recursive: true })
    await page.screenshot({ path: path.join(LOG_DIR, "gift-vouchers.png"), fullPage: true })

    const refused = await posApi(`/store/pos/gift-cards/${code}/redeem`, { key, body: { amount: 100 } })
    expect(refused.status).toBe(409)
    expect(refused.body.type).toBe("card_blocked")
  }, 90_000)

  it("sends one Idempotency-Key per intended sale: the same for a double click, a new one for the next sale", async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } })
    await signInToAdmin(page)
    await openFromSidebar(page, "Gift vouchers")
    const keys: (string | null)[] = []
    const sales: string[] = []
    page.on("request", (r) => {
      if (r.method() === "POST" && new URL(r.url()).pathname === "/admin/vouchers") {
        keys.push(r.headers()["idempotency-key"] ?? null)
      }
    })
    page.on("response", async (r) => {
      if (r.request().method() === "POST" && new URL(r.url()).pathname === "/admin/vouchers" && r.status() === 201) {
        sales.push((await r.json()).gift_card.id)
      }
    })

    await page.locator("#sell-amount").fill("12.34")
    // A double submission faster than any re-render: two requests on their way at once.
    await page.locator("#sell-amount").evaluate((input) => {
      const form = (input as HTMLInputElement).form!
      form.requestSubmit()
      form.requestSubmit()
    })
    await page.getByTestId("voucher-detail").waitFor({ timeout: 30_000 })
    await expect.poll(() => sales.length, { timeout: 10_000 }).toBe(2)
    const first = [...keys]
    expect(first).toHaveLength(2)
    expect(first[0]).toBeTruthy()
    expect(first[1]).toBe(first[0])
    // Both answered with the same one voucher.
    expect(new Set(sales).size).toBe(1)

    await page.locator("#sell-amount").fill("12.34")
    await page.getByRole("button", { name: "Create voucher" }).click()
    await expect.poll(() => new Set(sales).size, { timeout: 30_000 }).toBe(2)
    const next = keys.slice(first.length)
    expect(next.every((k) => k && k !== first[0])).toBe(true)
    await page.close()
  }, 90_000)
})
