/**
 * The "Website" admin page: the snippet to paste, a news item written in the
 * editor with its live (server-sanitised) preview, and the FAQ reordered by
 * drag and drop.
 */
import { randomUUID } from "crypto"

import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { adminApi } from "../support/api"
import { launchBrowser, openFromSidebar, signInToAdmin } from "../support/browser"

let browser: Browser
let page: Page
const marker = `adm${randomUUID().slice(0, 8)}`

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1600, height: 1200 }, locale: "en-US" })
})

afterAll(async () => {
  await browser?.close()
})

describe("the Website page", () => {
  it("shows the snippet, writes news with a live preview and orders the FAQ by drag and drop", async () => {
    const first = (await adminApi("/admin/cms/faq", { body: { question: `${marker} first`, answer: "a" } })).body.faq.id
    const second = (await adminApi("/admin/cms/faq", { body: { question: `${marker} second`, answer: "b" } })).body.faq.id

    await signInToAdmin(page)
    await openFromSidebar(page, "Website", { name: "Website", exact: true })
    expect(await page.locator("[data-snippet]").textContent()).toMatch(/<script src="http:\/\/127\.0\.0\.1:\d+\/embed\/loader\.js"/)

    await page.getByRole("button", { name: "New item" }).click()
    await page.locator("[data-news-editor] input[name=title]").fill(`${marker} Sommerfest`)
    await page.locator("[data-news-editor] textarea[name=body]").fill("Am **Samstag** <script>alert(1)</script>")
    await page.locator("[data-cms-preview] strong", { hasText: "Samstag" }).waitFor()
    expect(await page.locator("[data-cms-preview] script").count()).toBe(0)
    await page.locator("[data-news-editor]").getByRole("button", { name: "Save" }).click()
    await page.locator("li", { hasText: `${marker} Sommerfest` }).waitFor()
    const news = (await adminApi("/admin/cms/news?limit=500")).body.news as { title: string; body: string }[]
    expect(news.find((n) => n.title === `${marker} Sommerfest`)?.body).toBe("Am **Samstag** <script>alert(1)</script>")

    // Drag the second question onto the first: it goes before it.
    await page.locator(`[data-faq-id="${second}"]`).dragTo(page.locator(`[data-faq-id="${first}"]`))
    const ordered = async () => ((await adminApi("/admin/cms/faq")).body.faq as { id: string }[]).map((f) => f.id).filter((id) => id === first || id === second)
    for (let i = 0; i < 50 && (await ordered())[0] !== second; i++) await page.waitForTimeout(200)
    expect(await ordered()).toEqual([second, first])
  }, 120_000)
})
