/**
 * Our admin pages follow the language the merchant chose in Medusa's admin (kept by
 * i18next in localStorage `i18nextLng`): each page in German and in English, with a
 * screenshot of each at desktop and at tablet width, and an amount typed the German way ("12,34") reaches the API as
 * 1234 minor units.
 */
import fs from "fs"
import path from "path"

import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi } from "../support/api"
import { launchBrowser, signInToAdmin } from "../support/browser"
import { LOG_DIR } from "../support/server"

/**
 * Each page of ours: its route under /app/a, its heading in German and English, and for the
 * pages whose heading is the same word in both (Feedback, Website) a text that is not.
 */
const PAGES: { route: string; shot: string; de: string; en: string; mark?: { de: string; en: string } }[] = [
  { route: "customer-modules", shot: "customer-modules", de: "Kundenmodule", en: "Customer modules" },
  { route: "pos", shot: "pos-access", de: "Kassenzugang", en: "POS access" },
  { route: "jobs", shot: "mail-documents", de: "Mails & Dokumente", en: "Mail & documents" },
  { route: "vouchers", shot: "gift-vouchers", de: "Geschenkgutscheine", en: "Gift vouchers" },
  { route: "voucher-shop", shot: "voucher-shop", de: "Gutschein-Shop", en: "Voucher shop" },
  { route: "prepaid-cards", shot: "prepaid-cards", de: "Guthabenkarten", en: "Prepaid cards" },
  { route: "debtors", shot: "debtors", de: "Debitoren", en: "Debtors" },
  { route: "loyalty", shot: "loyalty", de: "Kundenbindung", en: "Loyalty" },
  { route: "reservations", shot: "reservations", de: "Reservierungen", en: "Reservations" },
  { route: "events", shot: "events", de: "Veranstaltungen", en: "Events" },
  { route: "feedback", shot: "feedback", de: "Feedback", en: "Feedback", mark: { de: "Fragebögen", en: "Questionnaires" } },
  { route: "website", shot: "website", de: "Website", en: "Website", mark: { de: "Elemente", en: "Elements" } },
]

/** The widths every page is looked at: a desktop and a tablet held upright. */
const VIEWPORTS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "tablet", width: 768, height: 1024 },
] as const

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
  fs.mkdirSync(LOG_DIR, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
})

/** A signed-in admin whose chosen language is `lng` (as Medusa's language menu stores it). */
async function adminIn(lng: "de" | "en"): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "en-US" })
  const page = await context.newPage()
  // Signed in in English (the sign-in helper reads the English form), then the language chosen.
  await signInToAdmin(page)
  await page.getByRole("link", { name: "Customer modules" }).waitFor({ timeout: 30_000 })
  await page.evaluate((language) => window.localStorage.setItem("i18nextLng", language), lng)
  return { context, page }
}

describe("the admin pages in the merchant's language", () => {
  for (const lng of ["de", "en"] as const) {
    it(`shows every page in ${lng === "de" ? "German" : "English"}`, async () => {
      const { context, page } = await adminIn(lng)
      try {
        const otherLng = lng === "de" ? "en" : "de"
        for (const p of PAGES) {
          await page.setViewportSize(VIEWPORTS[0])
          await page.goto(`${inject("baseUrl")}/app/a/${p.route}`)
          await page.getByRole("heading", { name: p[lng], exact: true }).first().waitFor({ timeout: 30_000 })
          // The sidebar names our pages in the same language as Medusa's own.
          await page.getByRole("link", { name: p[lng], exact: true }).first().waitFor({ timeout: 30_000 })
          if (p[lng] !== p[otherLng]) {
            await expect(page.getByRole("link", { name: p[otherLng], exact: true }).count()).resolves.toBe(0)
          }
          if (p.mark) {
            await page.getByText(p.mark[lng], { exact: true }).first().waitFor({ timeout: 30_000 })
            await expect(page.getByText(p.mark[otherLng], { exact: true }).count()).resolves.toBe(0)
          } else {
            await expect(page.getByRole("heading", { name: p[otherLng], exact: true }).count()).resolves.toBe(0)
          }
          for (const v of VIEWPORTS) {
            await page.setViewportSize(v)
            await page.screenshot({ path: path.join(LOG_DIR, `${p.shot}-${lng}-${v.name}.png`), fullPage: true })
          }
        }
      } finally {
        await context.close()
      }
    }, 300_000)
  }

  it("takes an amount typed the German way in currency units", async () => {
    const { context, page } = await adminIn("de")
    try {
      await page.goto(`${inject("baseUrl")}/app/a/vouchers`)
      await page.getByRole("heading", { name: "Geschenkgutscheine", exact: true }).waitFor({ timeout: 30_000 })
      const sold: string[] = []
      page.on("response", async (r) => {
        if (r.request().method() === "POST" && new URL(r.url()).pathname === "/admin/vouchers" && r.status() === 201) {
          sold.push((await r.json()).gift_card.id)
        }
      })
      // Not an amount: the field says so and the form is not sent.
      await page.locator("#sell-amount").fill("12,3,4")
      await page.getByRole("button", { name: "Gutschein anlegen" }).click()
      await page.getByRole("alert").filter({ hasText: "Kein Betrag in EUR" }).waitFor({ timeout: 15_000 })
      expect(sold).toEqual([])

      await page.locator("#sell-amount").fill("12,34")
      await page.getByRole("button", { name: "Gutschein anlegen" }).click()
      await expect.poll(() => sold.length, { timeout: 30_000 }).toBe(1)
      const voucher = await adminApi(`/admin/vouchers/${sold[0]}`)
      expect(voucher.body.gift_card).toEqual(expect.objectContaining({ balance: 1234, currency_code: "eur" }))
      await expect(page.getByTestId("voucher-balance").textContent()).resolves.toBe("12,34 EUR")
    } finally {
      await context.close()
    }
  }, 90_000)
})
