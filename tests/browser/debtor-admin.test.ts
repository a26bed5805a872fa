/**
 * The "Debtors" admin page: an invoice written at a till shows in the list with
 * its status, opens with its tax split and PDF preview, and takes a payment
 * that moves it to paid.
 */
import fs from "fs"
import path from "path"

import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi } from "../support/api"
import { launchBrowser, openFromSidebar, signInToAdmin } from "../support/browser"
import { createTerminal, posApi } from "../support/pos"
import { LOG_DIR } from "../support/server"

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1600, height: 1200 } })
  await signInToAdmin(page)
  await page.getByRole("link", { name: "Debtors" }).waitFor({ timeout: 30_000 })
})

afterAll(async () => {
  await browser?.close()
})

describe("the debtors page", () => {
  it("finds an invoice from the till, previews its PDF and records the payment that settles it", async () => {
    const { key } = await createTerminal({ scopes: ["debtor"] })
    const name = `Browser Kunde ${Date.now().toString(36)}`
    const created = await posApi("/store/pos/invoices", {
      key,
      body: { customer_name: name, currency_code: "eur", lines: [{ title: "Kaffee", quantity: 2, unit_price: 250, tax_rate: 19 }, { title: "Kuchen", quantity: 1, unit_price: 350, tax_rate: 7 }] },
    })
    expect(created.status, created.text).toBe(201)
    const invoice = created.body.invoice

    await openFromSidebar(page, "Debtors")

    await page.locator("#debtor-search").fill(invoice.number)
    await page.getByRole("button", { name: "Search", exact: true }).click()
    const row = page.locator(`[data-invoice-number="${invoice.number}"]`)
    await row.waitFor({ timeout: 30_000 })
    await expect(row.textContent()).resolves.toContain("8.50 EUR")
    await expect(row.textContent()).resolves.toContain("open")
    await expect.poll(() => page.getByTestId("debtor-totals").textContent(), { timeout: 15_000 }).toContain("open 8.50 EUR")

    await row.getByRole("button", { name: "Open" }).click()
    const detail = page.getByTestId("debtor-detail")
    await detail.waitFor({ timeout: 30_000 })
    await expect(detail.textContent()).resolves.toContain(name)
    const pdf = await page.request.get(`${inject("baseUrl")}${await page.getByTestId("debtor-pdf").getAttribute("src")}`)
    expect(pdf.status()).toBe(200)
    expect(pdf.headers()["content-type"]).toContain("application/pdf")

    await page.locator("#debtor-amount").fill("8.50")
    await page.getByRole("button", { name: "Record payment" }).click()
    await expect.poll(() => page.getByTestId("debtor-status").textContent(), { timeout: 15_000 }).toBe("paid")

    fs.mkdirSync(LOG_DIR, { recursive: true })
    await page.screenshot({ path: path.join(LOG_DIR, "debtors.png") })

    const res = await adminApi(`/admin/debtor-invoices/${invoice.id}`)
    expect(res.body.invoice).toEqual(expect.objectContaining({ status: "paid", paid_total: 850 }))
    expect(res.body.invoice.payments).toEqual([expect.objectContaining({ amount: 850, method: "bank_transfer" })])
  })

  it("shows a customer's account with balance and limit on the customer page", async () => {
    const email = `debtor-widget-${Date.now().toString(36)}@example.test`
    const customer = await adminApi("/admin/customers", { body: { email, first_name: "Widget", last_name: "Kunde", password: "secret-password-1" } })
    expect(customer.status, customer.text).toBe(201)
    const opened = await adminApi("/admin/customer-accounts", { body: { customer_id: customer.body.customer.id, currency_code: "eur", credit_limit: 10000 } })
    expect(opened.status, opened.text).toBe(201)
    const { key } = await createTerminal({ scopes: ["debtor"] })
    const charged = await posApi(`/store/pos/customer-accounts/${opened.body.account.card_code}/charge`, { key, body: { amount: 250 } })
    expect(charged.status, charged.text).toBe(200)

    await page.goto(`${inject("baseUrl")}/app/a/customers/${customer.body.customer.id}`)
    const widget = page.getByTestId("debtor-customer-account")
    await widget.waitFor({ timeout: 30_000 })
    await expect.poll(() => page.getByTestId("debtor-account-balance").textContent(), { timeout: 15_000 }).toBe("-2.50 EUR")
    await expect(widget.textContent()).resolves.toContain("limit 100.00 EUR")
    await expect(widget.textContent()).resolves.toContain(opened.body.account.card_code)

    // Invoice settings on the same widget: payment terms, the monthly statement and the
    // approval for buying on invoice in the web checkout with its limit (decision 0071).
    await page.getByTestId("debtor-customer-settings").waitFor({ timeout: 15_000 })
    await expect(page.getByTestId("debtor-customer-settings").textContent()).resolves.toContain("Approved for purchase on invoice")
    await page.locator("#debtor-terms").fill("30")
    await page.locator("#debtor-monthly").check()
    await page.locator("#debtor-invoice-approved").check()
    await page.locator("#debtor-invoice-limit").fill("250,00")
    await page.getByRole("button", { name: "Save invoice settings" }).click()
    await expect
      .poll(async () => (await adminApi(`/admin/debtor-customers/${customer.body.customer.id}`)).body.settings, { timeout: 15_000 })
      .toEqual(expect.objectContaining({ payment_terms_days: 30, monthly_statement: true, invoice_approved: true, invoice_limit: 25000 }))
  })
})
