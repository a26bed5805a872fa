/**
 * The "Loyalty" admin page and the customer widget in a real Chromium: the
 * settings form saves and states the earning rule, rewards of both kinds are
 * created and withdrawn, a customer group gets extra points, the analysis
 * charts draw their bars, and the widget books and refuses deductions and
 * shows the points history.
 */
import { randomUUID } from "crypto"
import path from "path"

import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi, api } from "../support/api"
import { launchBrowser, openFromSidebar, signInToAdmin } from "../support/browser"
import { uniqueAddress, waitForMail } from "../support/mail"
import { createTerminal, posApi } from "../support/pos"
import { LOG_DIR } from "../support/server"

let browser: Browser
let page: Page
let till: string

beforeAll(async () => {
  till = (await createTerminal({ scopes: ["loyalty"] })).key
  browser = await launchBrowser()
  // A context of its own, so that a test can open a second tab in the same signed-in session.
  page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage()
  await signInToAdmin(page)
})

afterAll(async () => {
  await browser?.close()
})

async function register(lastName = `Browser${randomUUID().slice(0, 6)}`): Promise<{ id: string; code: string }> {
  const res = await posApi("/store/pos/customers", { key: till, body: { first_name: "Bea", last_name: lastName } })
  expect(res.status, res.text).toBe(201)
  return { id: res.body.customer.id, code: res.body.card.code }
}

async function pointsOf(customerId: string): Promise<number> {
  const res = await adminApi(`/admin/loyalty/customers/${customerId}`)
  expect(res.status, res.text).toBe(200)
  return res.body.points
}

async function openLoyalty(): Promise<void> {
  await page.goto(`${inject("baseUrl")}/app`)
  await openFromSidebar(page, "Loyalty", { name: "Loyalty", exact: true })
}

describe("the loyalty page", () => {
  it("saves the settings form, states the earning rule with the minimum spend, and shows a refused value", async () => {
    const before = (await adminApi("/admin/loyalty/settings")).body.settings
    const minSpend = before.min_spend_minor === 1 ? 2 : 1
    try {
      await openLoyalty()
      const rule = page.getByTestId("loyalty-earning-rule")
      await expect(rule.textContent()).resolves.toContain("paid amount after discounts, rewards and vouchers")

      // The field takes currency units: 0.01 or 0.02 EUR, one or two minor units.
      await page.locator("#ly-min").fill(`0.0${minSpend}`)
      await page.getByRole("button", { name: "Save settings" }).click()
      await page.getByTestId("loyalty-settings-saved").waitFor({ timeout: 30_000 })
      await page.locator(`[data-testid="loyalty-earning-rule"]:has-text("minimum spend of 0.0${minSpend}")`).waitFor({ timeout: 30_000 })
      const saved = (await adminApi("/admin/loyalty/settings")).body.settings
      expect(saved).toEqual({ ...before, min_spend_minor: minSpend })

      await page.locator("#ly-tz").fill("Mars/Olympus_Mons")
      await page.getByRole("button", { name: "Save settings" }).click()
      const error = page.getByTestId("loyalty-settings-error")
      await error.waitFor({ timeout: 30_000 })
      await expect(error.textContent()).resolves.toContain("time_zone: must be an IANA time zone name")
      expect((await adminApi("/admin/loyalty/settings")).body.settings.time_zone).toBe(before.time_zone)
    } finally {
      await adminApi("/admin/loyalty/settings", { body: { min_spend_minor: before.min_spend_minor } })
    }
  })

  it("plans a points campaign for one location and removes it again", async () => {
    const { location } = await createTerminal({ scopes: ["loyalty"] })
    const name = `Double days ${randomUUID().slice(0, 6)}`
    const before = (await adminApi("/admin/loyalty/settings")).body.settings.campaigns
    try {
      await openLoyalty()
      const section = page.getByTestId("loyalty-campaigns")
      await section.locator("#ly-cp-name").fill(name)
      await section.locator("#ly-cp-mult").fill("200")
      await section.locator("#ly-cp-from").fill("2031-05-01T08:00")
      await section.locator("#ly-cp-until").fill("2031-05-03T20:00")
      await section.locator("#ly-cp-where").selectOption(location.id)
      await section.getByRole("button", { name: "Add campaign" }).click()
      const row = section.locator(`[data-loyalty-campaign="${name}"]`)
      await row.waitFor({ timeout: 30_000 })
      await expect(row.textContent()).resolves.toContain("planned")
      const saved = (await adminApi("/admin/loyalty/settings")).body.settings.campaigns
      expect(saved).toEqual([...before, expect.objectContaining({ name, multiplier_percent: 200, location_ids: [location.id] })])

      await row.getByRole("button", { name: "Remove" }).click()
      await page.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click()
      await row.waitFor({ state: "detached", timeout: 30_000 })
      expect((await adminApi("/admin/loyalty/settings")).body.settings.campaigns).toEqual(before)
    } finally {
      await adminApi("/admin/loyalty/settings", { body: { campaigns: before } })
    }
  })

  it("creates a product reward and a discount reward, withdraws one and offers it again", async () => {
    const croissant = (await api("/store/products?handle=croissant")).body.products[0]
    const productTitle = `Free croissant ${randomUUID().slice(0, 6)}`
    const discountTitle = `2.50 off ${randomUUID().slice(0, 6)}`
    await openLoyalty()

    await page.locator("#ly-rw-kind").selectOption("product_variant")
    await page.locator("#ly-rw-title").fill(productTitle)
    await page.locator("#ly-rw-points").fill("90")
    await page.locator("#ly-rw-variant").fill("Croiss")
    await page.getByRole("button", { name: "+ Croissant" }).click()
    await page.getByRole("button", { name: "Add reward" }).click()
    await page.locator(`[data-testid="loyalty-rewards"] tr:has-text("${productTitle}")`).waitFor({ timeout: 30_000 })

    await page.locator("#ly-rw-kind").selectOption("discount")
    await page.locator("#ly-rw-title").fill(discountTitle)
    await page.locator("#ly-rw-points").fill("120")
    await page.locator("#ly-rw-amount").fill("2.50")
    await page.getByRole("button", { name: "Add reward" }).click()
    await page.locator(`[data-testid="loyalty-rewards"] tr:has-text("${discountTitle}")`).waitFor({ timeout: 30_000 })

    const rewards = (await adminApi("/admin/loyalty/rewards")).body.rewards as { id: string; title: string }[]
    const product = rewards.find((r) => r.title === productTitle)
    expect(product).toEqual(expect.objectContaining({ kind: "product_variant", points: 90, variant_id: croissant.variants[0].id, active: true }))
    expect(rewards.find((r) => r.title === discountTitle)).toEqual(
      expect.objectContaining({ kind: "discount", points: 120, discount_amount: 250, currency_code: "eur", active: true })
    )

    const row = page.locator(`[data-loyalty-reward="${product!.id}"]`)
    await row.getByRole("button", { name: "Withdraw" }).click()
    await page.getByRole("alertdialog").getByRole("button", { name: "Withdraw" }).click()
    await page.locator(`[data-loyalty-reward="${product!.id}"]:has-text("withdrawn")`).waitFor({ timeout: 30_000 })
    expect((await adminApi(`/admin/loyalty/rewards/${product!.id}`)).body.reward.active).toBe(false)
    await row.getByRole("button", { name: "Offer again" }).click()
    await page.locator(`[data-loyalty-reward="${product!.id}"]:has-text("offered")`).waitFor({ timeout: 30_000 })
    expect((await adminApi(`/admin/loyalty/rewards/${product!.id}`)).body.reward.active).toBe(true)
  })

  it("grants extra points to a customer group once per campaign", async () => {
    const a = await register()
    const b = await register()
    const groupName = `Regulars ${randomUUID().slice(0, 6)}`
    const group = await adminApi("/admin/customer-groups", { body: { name: groupName } })
    expect(group.status, group.text).toBe(200)
    const groupId = group.body.customer_group.id
    const added = await adminApi(`/admin/customer-groups/${groupId}/customers/batch`, { body: { customer_ids: [{ id: a.id }, { id: b.id }] } })
    expect(added.status, added.text).toBe(200)

    await openLoyalty()
    await page.locator(`#ly-grp option[value="${groupId}"]`).waitFor({ state: "attached", timeout: 30_000 })
    await page.locator("#ly-grp").selectOption(groupId)
    await page.locator("#ly-grp-points").fill("25")
    await page.locator("#ly-grp-reason").fill("regulars' day")
    await page.locator("#ly-grp-campaign").fill(`regulars-${randomUUID().slice(0, 6)}`)
    await page.getByRole("button", { name: "Grant points" }).click()
    await page.locator(`[data-testid="loyalty-group-result"]:has-text("2 of 2 customers received the points")`).waitFor({ timeout: 30_000 })
    expect(await pointsOf(a.id)).toBe(25)
    expect(await pointsOf(b.id)).toBe(25)

    await page.getByRole("button", { name: "Grant points" }).click()
    await page.locator(`[data-testid="loyalty-group-result"]:has-text("0 of 2 customers received the points")`).waitFor({ timeout: 30_000 })
    expect(await pointsOf(a.id)).toBe(25)
  })

  it("draws customers per segment and the points issued and redeemed as bars", async () => {
    const { code } = await register()
    const earned = await posApi(`/store/pos/loyalty/${code}/earn`, { key: till, body: { amount: 1500, currency_code: "eur", reference: `B-${randomUUID()}` } })
    expect(earned.status, earned.text).toBe(200)
    expect(earned.body.points_earned).toBeGreaterThan(0)

    await openLoyalty()
    const segmentBars = page.locator('[data-testid="loyalty-segments-chart"] svg path.recharts-rectangle')
    await segmentBars.first().waitFor({ timeout: 30_000 })
    const summary = (await adminApi("/admin/loyalty/analysis/segments")).body
    const filled = summary.segments.filter((s: { customers: number }) => s.customers > 0)
    expect(filled.length).toBeGreaterThan(0)
    expect(await segmentBars.count()).toBe(filled.length)
    for (const s of filled as { segment: string; customers: number }[]) {
      await expect(page.locator(`[data-segment="${s.segment}"] [data-testid="segment-customers"]`).textContent()).resolves.toBe(String(s.customers))
    }

    // Today's points issued make at least one bar; the totals name the programme's time zone.
    const timelineBars = page.locator('[data-testid="loyalty-timeline-chart"] svg path.recharts-rectangle')
    await timelineBars.first().waitFor({ timeout: 30_000 })
    await expect(page.getByTestId("loyalty-timeline-totals").textContent()).resolves.toMatch(/In this period: [1-9]\d* issued/)
    await page.locator("#ly-tl-interval").selectOption("month")
    const month = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit" }).format(new Date())
    await page.locator(`[data-testid="loyalty-timeline-chart"] .recharts-xAxis text:has-text("${month}-01")`).first().waitFor({ timeout: 30_000 })
    expect(await timelineBars.count()).toBeGreaterThan(0)
  })

  it("finds a till customer with points and books extra points from the list", async () => {
    const lastName = `Browser${randomUUID().slice(0, 6)}`
    const { id } = await register(lastName)
    expect((await adminApi(`/admin/loyalty/customers/${id}/adjust`, { body: { points: 40, reason: "welcome" } })).status).toBe(200)

    await openLoyalty()
    await page.locator("#ly-search").fill(lastName)
    await page.getByRole("button", { name: "Search", exact: true }).click()
    const row = page.locator(`[data-loyalty-customer="${id}"]`)
    await row.waitFor({ timeout: 30_000 })
    await expect(row.getByTestId("loyalty-points").textContent()).resolves.toBe("40")
    await row.getByLabel("Points (negative deducts)").fill("15")
    await row.getByLabel("Reason").fill("complaint")
    await row.getByRole("button", { name: "Book" }).click()
    await page.locator(`[data-loyalty-customer="${id}"] [data-testid="loyalty-points"]:text-is("55")`).waitFor({ timeout: 30_000 })
    expect(await pointsOf(id)).toBe(55)
  })
})

describe("the loyalty widget on the customer page", () => {
  it("deducts points with a reason, shows them in the history, and refuses a deduction below zero", async () => {
    const { id } = await register()
    expect((await adminApi(`/admin/loyalty/customers/${id}/adjust`, { body: { points: 40, reason: "welcome" } })).status).toBe(200)

    await page.goto(`${inject("baseUrl")}/app/a/customers/${id}`)
    const widget = page.getByTestId("loyalty-customer-widget")
    await widget.waitFor({ timeout: 30_000 })
    await page.locator(`[data-testid="loyalty-balance"]:text-is("40")`).waitFor({ timeout: 30_000 })

    await page.locator("#ly-w-points").fill("-15")
    await page.locator("#ly-w-reason").fill("broken cup")
    await page.getByRole("button", { name: "Book points" }).click()
    await page.locator(`[data-testid="loyalty-balance"]:text-is("25")`).waitFor({ timeout: 30_000 })
    const newest = page.locator('[data-testid="loyalty-history"] tbody tr').first()
    await expect(newest.getByTestId("loyalty-history-amount").textContent()).resolves.toBe("-15")
    await expect(newest.textContent()).resolves.toContain("broken cup")
    await expect(page.locator('[data-testid="loyalty-history"] tbody tr').count()).resolves.toBe(2)

    await page.locator("#ly-w-points").fill("-100")
    await page.locator("#ly-w-reason").fill("too much")
    await page.getByRole("button", { name: "Book points" }).click()
    const error = page.getByTestId("loyalty-adjust-error")
    await error.waitFor({ timeout: 30_000 })
    await expect(error.textContent()).resolves.toContain("cannot go below zero")
    expect(await pointsOf(id)).toBe(25)
    const history = (await adminApi(`/admin/loyalty/customers/${id}`)).body.transactions
    expect(history.map((t: { type: string; amount: number; reference: string }) => [t.type, t.amount, t.reference])).toEqual([
      ["adjust", -15, "broken cup"],
      ["grant", 40, "welcome"],
    ])
  })

  it("replaces a lost card with a new number, keeping the points", async () => {
    const { id, code } = await register()
    expect((await adminApi(`/admin/loyalty/customers/${id}/adjust`, { body: { points: 33, reason: "welcome" } })).status).toBe(200)
    await page.goto(`${inject("baseUrl")}/app/a/customers/${id}`)
    await page.locator(`[data-testid="loyalty-balance"]:text-is("33")`).waitFor({ timeout: 30_000 })
    page.once("dialog", (dialog) => void dialog.accept())
    await page.getByTestId("loyalty-cards").getByRole("button", { name: "Lost: block and replace" }).click()
    const done = page.getByTestId("loyalty-cards-done")
    await done.waitFor({ timeout: 30_000 })
    const text = (await done.textContent()) ?? ""
    expect(text).toContain(`Card ${code} blocked`)
    const newCode = /new card (\S+)\./.exec(text)?.[1]
    expect(newCode).toBeTruthy()
    const overview = (await adminApi(`/admin/loyalty/customers/${id}`)).body
    expect(overview.points).toBe(33)
    expect(overview.cards.map((c: { code: string; status: string }) => [c.code, c.status]).sort()).toEqual(
      [[code, "blocked"], [newCode, "active"]].sort()
    )
  })
  it("records a customer's consent to marketing mails and withdraws it", async () => {
    const { id } = await register()
    // A tab of its own in the signed-in session, with a screenshot kept on failure.
    const tab = await page.context().newPage()
    try {
      await tab.goto(`${inject("baseUrl")}/app/a/customers/${id}`)
      await tab.locator(`[data-testid="loyalty-balance"]:text-is("0")`).waitFor({ timeout: 25_000 })
      const consent = tab.getByTestId("loyalty-consent")
      await expect(consent.getByTestId("loyalty-consent-state").textContent()).resolves.toBe("not agreed")
      const recorded = tab.waitForResponse((r) => r.url().endsWith(`/admin/loyalty/customers/${id}/consent`) && r.request().method() === "POST")
      await consent.getByRole("button", { name: "Record consent" }).click()
      expect((await recorded).status()).toBe(200)
      await tab.locator('[data-testid="loyalty-consent-state"]:text-is("agreed")').waitFor({ timeout: 30_000 })
      expect((await adminApi(`/admin/loyalty/customers/${id}`)).body.customer.marketing_consent).toBe(true)
      await consent.getByRole("button", { name: "Withdraw consent" }).click()
      await tab.getByRole("alertdialog").getByRole("button", { name: "Withdraw consent" }).click()
      await tab.locator('[data-testid="loyalty-consent-state"]:text-is("not agreed")').waitFor({ timeout: 30_000 })
      expect((await adminApi(`/admin/loyalty/customers/${id}`)).body.customer.marketing_consent).toBe(false)
    } catch (e) {
      await tab.screenshot({ path: path.join(LOG_DIR, "loyalty-consent-failure.png") }).catch(() => undefined)
      throw e
    } finally {
      await tab.close()
    }
  })
})

describe("the unsubscribe link of a birthday mail", () => {
  it("asks first, then unsubscribes with one click on the merchant's page", async () => {
    const email = uniqueAddress("unsubscribe-page")
    const res = await posApi("/store/pos/customers", {
      key: till,
      body: { first_name: "Uma", last_name: `Unsub${randomUUID().slice(0, 6)}`, email, birthday: "1984-07-09", marketing_consent: true },
    })
    expect(res.status, res.text).toBe(201)
    const id = res.body.customer.id
    const run = await adminApi("/admin/jobs/schedules/loyalty.birthdays/run", { body: { now: "2026-07-09T09:00:00Z" } })
    expect(run.status, run.text).toBe(200)
    const mail = await waitForMail((m) => m.envelopeTo.includes(email))
    const link = /(http:\/\/\S+\/store\/loyalty\/unsubscribe\?\S+)/.exec(mail.text)?.[1]
    expect(link).toBeTruthy()

    const visitor = await browser.newPage()
    try {
      await visitor.goto(link!)
      await visitor.getByRole("heading", { name: "E-Mails abbestellen" }).waitFor({ timeout: 30_000 })
      // Opening the page changed nothing.
      expect((await adminApi(`/admin/loyalty/customers/${id}`)).body.customer.marketing_consent).toBe(true)
      await visitor.getByRole("button", { name: "Abbestellen" }).click()
      await visitor.getByText("Erledigt: Sie erhalten keine Werbe-E-Mails").waitFor({ timeout: 30_000 })
      expect((await adminApi(`/admin/loyalty/customers/${id}`)).body.customer.marketing_consent).toBe(false)

      // A link with a token that does not fit says so and changes nothing.
      const forged = new URL(link!)
      forged.searchParams.set("token", "forged")
      const answer = await visitor.goto(forged.toString())
      expect(answer?.status()).toBe(404)
      await visitor.getByText("Dieser Abmeldelink ist ungültig").waitFor({ timeout: 30_000 })
    } finally {
      await visitor.close()
    }
  })
})
