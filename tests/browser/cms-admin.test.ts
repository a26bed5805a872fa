/**
 * The "Website" admin page: the snippet to paste, a news item written in the
 * editor with its live (server-sanitised) preview, and the FAQ reordered by
 * drag and drop; a news image dropped on the editor (uploaded through the
 * file service, shown as a preview), a file that is no image refused, a
 * draft previewed as the site would show it.
 */
import { randomUUID } from "crypto"

import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { adminApi } from "../support/api"
import { openFromSidebar, openPage, signInToAdmin } from "../support/browser"

let browser: Browser
let page: Page
const marker = `adm${randomUUID().slice(0, 8)}`

beforeAll(async () => {
  ;({ browser, page } = await openPage({ viewport: { width: 1600, height: 1200 }, locale: "en-US" }))
})
afterAll(() => browser?.close())

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

  it("uploads a dropped image into the news editor, refuses a picked non-image, and previews the draft as on the site", async () => {
    // Still signed in on the Website page from the test before: a fresh page load of it.
    await page.reload()
    await page.getByRole("button", { name: "New item" }).click()
    const editor = page.locator("[data-news-editor]")
    await editor.locator("input[name=title]").fill(`${marker} Bildmeldung`)
    await editor.locator("textarea[name=body]").fill("Mit **Bild**.")

    // A file picked that is no image: refused by the server, said in the admin's language.
    await editor.locator("input[type=file][name=image]").setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not an image") })
    await expect.poll(() => editor.locator("[data-image-error]").textContent()).toBe("Only PNG, JPEG, GIF or WebP images.")

    // An image dropped on the zone, as a merchant drags it from the desktop.
    await editor.locator("[data-image-drop]").evaluate((zone, base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      const data = new DataTransfer()
      data.items.add(new File([bytes], "Sommer Bild.png", { type: "image/png" }))
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }))
    }, PNG_BASE64)
    const preview = editor.locator("[data-image-preview]")
    await preview.waitFor()
    const src = (await preview.getAttribute("src"))!
    expect(src).toMatch(/\/cms\/\d+-sommer-bild\.png$/)
    // The preview shows the uploaded file itself (loaded by the browser).
    await expect.poll(() => preview.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1)
    await editor.locator("input[name=draft]").check()
    await editor.getByRole("button", { name: "Save" }).click()
    const row = page.locator("li", { hasText: `${marker} Bildmeldung` })
    await row.waitFor()
    const saved = ((await adminApi("/admin/cms/news?limit=500")).body.news as { title: string; image_url: string; status: string }[]).find((n) => n.title === `${marker} Bildmeldung`)
    expect(saved).toMatchObject({ image_url: src, status: "draft" })

    // The draft, not on the site, previewed as the site would show it.
    await row.getByRole("button", { name: "Preview" }).click()
    const site = page.locator("[data-site-preview]")
    await site.locator(".cm-news__title", { hasText: `${marker} Bildmeldung` }).waitFor()
    expect(await site.locator("img.cm-news__image").getAttribute("src")).toBe(src)
  }, 120_000)
})

describe("the Website page's language", () => {
  it("follows the language chosen in Medusa's admin (German here), not the browser's", async () => {
    await page.evaluate(() => localStorage.setItem("i18nextLng", "de"))
    try {
      await page.reload()
      await page.getByRole("button", { name: "Neue Meldung" }).waitFor()
      expect(await page.getByText("Zum Sortieren ziehen").count()).toBe(1)
      // The snippet and the live preview in that language too.
      expect(await page.locator("[data-snippet]").textContent()).toContain('data-locale="de"')
      await page.locator("[data-live-news] section.cm-news[lang=de]").waitFor({ state: "attached" })
    } finally {
      await page.evaluate(() => localStorage.setItem("i18nextLng", "en"))
    }
  }, 60_000)
})

const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
