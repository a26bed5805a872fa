/**
 * In Chromium: the tablet app answers a branching questionnaire, goes offline,
 * takes two more responses, comes back and they arrive once each; the admin's
 * questionnaire editor saves a questionnaire with a follow-up rule.
 */
import fs from "fs"
import path from "path"

import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi } from "../support/api"
import { launchBrowser, openFromSidebar, signInToAdmin } from "../support/browser"
import { createTerminal } from "../support/pos"
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
