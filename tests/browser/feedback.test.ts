/**
 * In Chromium: the tablet app answers a branching questionnaire, goes offline,
 * takes two more responses, comes back and they arrive once each; it pairs by
 * the admin's QR code (its URL read back from the image) or a typed code, in
 * the merchant's colours and the guest's language; the admin's questionnaire
 * editor saves a questionnaire with a follow-up rule.
 */
import fs from "fs"
import path from "path"

import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi } from "../support/api"
import { launchBrowser, openFromSidebar, signInToAdmin } from "../support/browser"
import { createTerminal } from "../support/pos"
import { readQr } from "../support/qr"
import { LOG_DIR } from "../support/server"

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

const definition = {
  questions: [
    { id: "mood", type: "smiley", title: { de: "Wie war es?", en: "How was it?", pt: "Como foi?" }, required: true },
    {
      id: "why",
      type: "single_choice",
      title: { de: "Was war nicht gut?", en: "What was wrong?", pt: "O que correu mal?" },
      required: true,
      choices: [
        { id: "clean", label: { de: "Sauberkeit", en: "Cleanliness", pt: "Limpeza" } },
        { id: "paper", label: { de: "Papier", en: "Paper", pt: "Papel" } },
      ],
      show_if: { question: "mood", op: "lte", value: 2 },
    },
    { id: "again", type: "rating", title: { de: "Wieder?", en: "Again?", pt: "De novo?" } },
  ],
}

describe("the tablet app", () => {
  it("answers a branching questionnaire, keeps two offline responses and sends each once when back online", async () => {
    const { key, terminal } = await createTerminal({ scopes: ["feedback"], name: "Browser tablet" })
    const created = await adminApi("/admin/feedback/questionnaires", { body: { title: "Tablet flow", definition } })
    expect(created.status, created.text).toBe(201)
    const id: string = created.body.questionnaire.id
    // No minimum press interval here: the test presses faster than a guest could.
    const assigned = await adminApi(`/admin/feedback/terminals/${terminal.id}`, { method: "PUT", body: { questionnaire_ids: [id], press_interval_ms: 0 } })
    expect(assigned.status, assigned.text).toBe(200)
    const count = async () => (await adminApi(`/admin/feedback/questionnaires/${id}/results`)).body.responses as number

    const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 800 } })
    const page: Page = await context.newPage()
    const errors: string[] = []
    page.on("pageerror", (e) => errors.push(e.message))
    await page.goto(`${inject("baseUrl")}/feedback/app#key=${encodeURIComponent(key)}`)

    const answer = async (question: string, value: string) => {
      await page.locator(`[data-question="${question}"]`).waitFor({ timeout: 15_000 })
      await page.locator(`[data-question="${question}"] [data-value="${value}"]`).click()
    }
    const thanks = () => page.getByRole("status").waitFor({ timeout: 15_000 })

    await page.locator(`[data-question="mood"]`).waitFor({ timeout: 15_000 })
    fs.mkdirSync(LOG_DIR, { recursive: true })
    await page.screenshot({ path: path.join(LOG_DIR, "feedback-tablet.png") })

    // Online: a bad rating opens the follow-up.
    await answer("mood", "1")
    await answer("why", "paper")
    await answer("again", "2")
    await thanks()
    await expect.poll(count, { timeout: 15_000 }).toBe(1)

    // Offline: two more, the good ratings skip the follow-up.
    await context.setOffline(true)
    await answer("mood", "5")
    await answer("again", "4")
    await thanks()
    await answer("mood", "4")
    await answer("again", "5")
    await thanks()
    await expect.poll(() => page.evaluate(() => document.body.dataset.pending), { timeout: 15_000 }).toBe("2")
    expect(await count()).toBe(1)

    // Back online: both arrive, once each.
    await context.setOffline(false)
    await expect.poll(count, { timeout: 20_000 }).toBe(3)
    await expect.poll(() => page.evaluate(() => document.body.dataset.pending), { timeout: 20_000 }).toBe("0")
    const csv = await adminApi(`/admin/feedback/questionnaires/${id}/export`)
    const rows = csv.text.trim().split("\r\n").slice(1)
    expect(rows).toHaveLength(3)
    const header = csv.text.split("\r\n")[0].split(",")
    const answers = rows.map((r) => {
      const cells = r.split(",")
      return ["mood", "why", "again"].map((q) => cells[header.indexOf(q)]).join("/")
    })
    expect(answers.sort()).toEqual(["1/paper/2", "4//5", "5//4"])
    expect(errors).toEqual([])
    await context.close()
  })
})

describe("the admin's tablets", () => {
  it("shows what a tablet shows now, and its pairing code and QR; the QR's URL pairs a tablet", async () => {
    const { terminal } = await createTerminal({ scopes: ["feedback"], name: `Admin QR ${Date.now()}` })
    const title = `Lobby ${Date.now()}`
    const created = await adminApi("/admin/feedback/questionnaires", { body: { title, definition } })
    expect((await adminApi(`/admin/feedback/terminals/${terminal.id}`, { method: "PUT", body: { questionnaire_ids: [created.body.questionnaire.id] } })).status).toBe(200)
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: "en-US" })
    await signInToAdmin(page)
    await openFromSidebar(page, "Feedback", { name: "Feedback", exact: true })
    await page.getByRole("tab", { name: "Tablets" }).click()
    const card = page.locator(`[data-terminal="${terminal.id}"]`)
    await card.waitFor({ timeout: 30_000 })
    await expect(card.textContent()).resolves.toContain(`Shows now: ${title}`)
    await card.getByRole("button", { name: "Show pairing code and QR" }).click()
    await card.getByTestId("fb-pairing-qr").waitFor({ timeout: 15_000 })
    const code = (await card.getByTestId("fb-pairing-code").textContent()) ?? ""
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    const url = readQr((await card.getByTestId("fb-pairing-qr").getAttribute("src")) ?? "")
    expect(url).toBe(`${inject("baseUrl")}/feedback/app#pair=${code.replace("-", "")}`)
    await card.screenshot({ path: path.join(LOG_DIR, "feedback-admin-pairing.png") })
    const tablet = await browser.newPage({ locale: "en-GB" })
    await tablet.goto(url)
    await tablet.locator(`[data-question="mood"]`).waitFor({ timeout: 15_000 })
    expect(await tablet.locator("main h1").textContent()).toBe("How was it?")
    await tablet.close()
    await page.close()
  })
})

describe("the admin's questionnaire editor", () => {
  it("saves a questionnaire with a follow-up rule", async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: "en-US" })
    await signInToAdmin(page)
    await openFromSidebar(page, "Feedback", { name: "Feedback", exact: true })
    await page.getByRole("button", { name: "New questionnaire" }).click()
    const title = `Washroom ${Date.now()}`
    await page.locator("#fb-title").fill(title)
    await page.getByRole("button", { name: "Add question" }).click()
    await page.getByRole("button", { name: "Add question" }).click()
    await page.locator("#fb-q0-id").fill("mood")
    await page.locator("#fb-q0-title-de").fill("Wie war es?")
    await page.locator("#fb-q0-title-en").fill("How was it?")
    await page.locator("#fb-q0-title-pt").fill("Como foi?")
    await page.locator("#fb-q1-id").fill("tell")
    await page.locator("#fb-q1-type").selectOption("text")
    await page.locator("#fb-q1-title-de").fill("Was können wir besser machen?")
    await page.locator("#fb-q1-title-en").fill("What can we do better?")
    await page.locator("#fb-q1-title-pt").fill("O que podemos melhorar?")
    await page.locator("#fb-q1-if").selectOption("mood")
    await page.locator("#fb-q1-op").selectOption("lte")
    await page.locator("#fb-q1-value").fill("2")
    await page.getByRole("button", { name: "Save (new version)" }).click()
    await page.getByTestId("fb-saved").waitFor({ timeout: 15_000 })
    await expect(page.getByTestId("fb-saved").textContent()).resolves.toContain("version 1")
    fs.mkdirSync(LOG_DIR, { recursive: true })
    await page.screenshot({ path: path.join(LOG_DIR, "feedback-editor.png"), fullPage: true })

    const list = await adminApi("/admin/feedback/questionnaires")
    const saved = list.body.questionnaires.find((q: { title: string }) => q.title === title)
    expect(saved).toBeTruthy()
    const detail = await adminApi(`/admin/feedback/questionnaires/${saved.id}`)
    expect(detail.body.questionnaire.definition.questions).toEqual([
      { id: "mood", type: "smiley", title: { de: "Wie war es?", en: "How was it?", pt: "Como foi?" } },
      {
        id: "tell",
        type: "text",
        title: { de: "Was können wir besser machen?", en: "What can we do better?", pt: "O que podemos melhorar?" },
        show_if: { question: "mood", op: "lte", value: 2 },
      },
    ])
    await page.close()
  })
})

describe("pairing the tablet", () => {
  const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ")})`

  async function pairedTablet(name: string): Promise<{ terminalId: string; questionnaireId: string; code: string; url: string }> {
    const { terminal } = await createTerminal({ scopes: ["feedback"], name })
    const created = await adminApi("/admin/feedback/questionnaires", { body: { title: `Pairing ${name}`, definition } })
    expect(created.status, created.text).toBe(201)
    expect((await adminApi(`/admin/feedback/terminals/${terminal.id}`, { method: "PUT", body: { questionnaire_ids: [created.body.questionnaire.id], press_interval_ms: 0, idle_seconds: 5 } })).status).toBe(200)
    const made = await adminApi(`/admin/feedback/terminals/${terminal.id}/pairing`, { body: {} })
    expect(made.status, made.text).toBe(201)
    return { terminalId: terminal.id, questionnaireId: created.body.questionnaire.id, code: made.body.pairing.code, url: readQr(made.body.pairing.qr) }
  }

  it("opens the QR's URL and lands paired, in the guest's language and the merchant's colours; the URL works once", async () => {
    const { url } = await pairedTablet("QR tablet")
    expect(url).toMatch(/\/feedback\/app#pair=[A-Z2-9]{8}$/)
    const context = await browser.newContext({ locale: "de-DE", viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    const errors: string[] = []
    page.on("pageerror", (e) => errors.push(e.message))
    await page.goto(url)
    await page.locator(`[data-question="mood"]`).waitFor({ timeout: 15_000 })
    expect(await page.locator("main h1").textContent()).toBe("Wie war es?")
    expect(await page.evaluate(() => location.hash)).toBe("")
    expect(await page.evaluate(() => localStorage.getItem("cm-feedback-key"))).toMatch(/^pos_/)
    expect(await page.evaluate(() => document.body.dataset.paired)).toBe("true")

    // The merchant's primary colour (jobs branding) is the tablet's --brand and colours its buttons.
    // Polled with a reload: another suite may change the branding while this runs.
    await expect
      .poll(
        async () => {
          const brand: string = (await adminApi("/admin/jobs/branding")).body.branding.primary_color
          await page.reload()
          await page.locator(`[data-question="mood"]`).waitFor({ timeout: 15_000 })
          const applied = await page.evaluate(() => ({
            brand: getComputedStyle(document.documentElement).getPropertyValue("--brand").trim(),
            border: getComputedStyle(document.querySelector(".languages button.active") as Element).backgroundColor,
          }))
          return applied.brand.toLowerCase() === brand.toLowerCase() && applied.border === rgb(brand)
        },
        { timeout: 30_000 }
      )
      .toBe(true)
    await page.screenshot({ path: path.join(LOG_DIR, "feedback-tablet-paired.png") })

    // A guest choosing Portuguese gets it for their response; the next guest starts in the tablet's language again.
    await page.getByRole("button", { name: "PT" }).click()
    expect(await page.locator("main h1").textContent()).toBe("Como foi?")
    await page.locator(`[data-question="mood"] [data-value="5"]`).click()
    await page.locator(`[data-question="again"]`).waitFor({ timeout: 15_000 })
    expect(await page.locator("main h1").textContent()).toBe("De novo?")
    await page.locator(`[data-question="again"] [data-value="4"]`).click()
    await page.getByRole("status").waitFor({ timeout: 15_000 })
    expect(await page.getByRole("status").textContent()).toBe("Obrigado pela sua opinião!")
    await page.locator(`[data-question="mood"]`).waitFor({ timeout: 15_000 })
    expect(await page.locator("main h1").textContent()).toBe("Wie war es?")

    // The QR's URL was used: on another tablet it is refused, in that tablet's language.
    const other = await browser.newContext({ locale: "en-GB" })
    const second = await other.newPage()
    await second.goto(url)
    await expect.poll(() => second.getByRole("alert").textContent(), { timeout: 15_000 }).toContain("The code is not valid")
    expect(await second.evaluate(() => localStorage.getItem("cm-feedback-key"))).toBeNull()
    expect(errors).toEqual([])
    await other.close()
    await context.close()
  })

  it("pairs by a code typed on the pairing screen, and returns to the start when idle, keeping only a valid partial response", async () => {
    const { code, questionnaireId } = await pairedTablet("Typed tablet")
    const context = await browser.newContext({ locale: "pt-PT" })
    const page = await context.newPage()
    await page.goto(`${inject("baseUrl")}/feedback/app`)
    await page.locator("#pair-key").waitFor({ timeout: 15_000 })
    expect(await page.locator("main h1").textContent()).toBe("Emparelhar este tablet")
    await page.locator("#pair-key").fill("WRONGCODE")
    await page.locator("#pair-button").click()
    await expect.poll(() => page.getByRole("alert").textContent(), { timeout: 15_000 }).toContain("O código não é válido")
    await page.locator("#pair-key").fill(code.toLowerCase())
    await page.locator("#pair-button").click()
    await page.locator(`[data-question="mood"]`).waitFor({ timeout: 15_000 })
    expect(await page.locator("main h1").textContent()).toBe("Como foi?")

    // A guest walks away after the first answer: after the idle time (5 s) the start screen is back,
    // and the answers given so far are a valid response (the rest is optional), so it is kept.
    const count = async () => (await adminApi(`/admin/feedback/questionnaires/${questionnaireId}/results`)).body.responses as number
    await page.locator(`[data-question="mood"] [data-value="5"]`).click()
    await page.locator(`[data-question="again"]`).waitFor({ timeout: 15_000 })
    await page.locator(`[data-question="mood"]`).waitFor({ timeout: 20_000 })
    await expect.poll(count, { timeout: 15_000 }).toBe(1)
    // A bad rating opens a required follow-up; walking away from it keeps nothing.
    await page.locator(`[data-question="mood"] [data-value="1"]`).click()
    await page.locator(`[data-question="why"]`).waitFor({ timeout: 15_000 })
    await page.locator(`[data-question="mood"]`).waitFor({ timeout: 20_000 })
    await expect.poll(() => page.evaluate(() => document.body.dataset.pending), { timeout: 15_000 }).toBe("0")
    expect(await count()).toBe(1)
    await context.close()
  })
})
