/**
 * The voucher shop page in Chromium, as a guest on the merchant's homepage
 * meets it: a host page on another origin frames `/embed/vouchers`, the guest
 * chooses amount and design, writes a message, sees it in the live preview
 * and pays with the manual provider; after capture the voucher mail with its
 * PDF reaches the real SMTP sink, and its code redeems at a till.
 */
import http from "http"
import type { AddressInfo } from "net"

import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi } from "../support/api"
import { launchBrowser } from "../support/browser"
import { uniqueAddress, waitForMail } from "../support/mail"
import { pdfText } from "../support/pdf"
import { createTerminal, posApi } from "../support/pos"

const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="

let browser: Browser
let page: Page
let host: http.Server
let hostUrl: string

beforeAll(async () => {
  const settings = await adminApi("/admin/voucher-shop/settings", {
    // The same settings as the other voucher-shop test files (they share one server).
    body: { enabled: true, currency_code: "eur", free_amount: true, min_amount: 1000, max_amount: 30000, preset_amounts: [2500, 5000], postal_enabled: true, postal_fee: 250 },
  })
  expect(settings.status, settings.text).toBe(200)
  const design = await adminApi("/admin/voucher-shop/designs", { body: { name: "Sunset", image: PNG } })
  expect(design.status, design.text).toBe(201)
  // The merchant's homepage: another origin (another port) that frames the shop.
  host = http.createServer((_req, res) => {
    res.setHeader("content-type", "text/html; charset=utf-8")
    res.end(`<!doctype html><html lang="en"><head><title>Café homepage</title></head><body>
      <h1>Café homepage</h1>
      <iframe title="Voucher shop" src="${inject("baseUrl")}/embed/vouchers?locale=en" style="width:100%;height:1600px;border:0"></iframe>
    </body></html>`)
  })
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", () => resolve()))
  hostUrl = `http://localhost:${(host.address() as AddressInfo).port}/`
  browser = await launchBrowser()
  // Mobile first: a phone's viewport.
  page = await browser.newPage({ viewport: { width: 390, height: 844 } })
})

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => host?.close(resolve))
})

describe("the voucher shop in a frame", { timeout: 90_000 }, () => {
  it("buys a voucher with a message through the manual provider; the mail with its PDF arrives and the code redeems at a till", async () => {
    const errors: string[] = []
    page.on("pageerror", (e) => errors.push(e.message))
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()))
    await page.goto(hostUrl)
    const shop = page.frameLocator('iframe[title="Voucher shop"]')
    await shop.getByRole("heading", { level: 1 }).waitFor({ timeout: 30_000 })

    const buyer = uniqueAddress("frame-buyer")
    const recipient = uniqueAddress("frame-recipient")
    const message = "Enjoy a lovely dinner with us!"
    await shop.getByLabel(/Your own amount/).fill("42")
    await shop.getByLabel("Sunset").check()
    await shop.getByLabel("Your name").fill("Frieda Frame")
    await shop.getByLabel("Your e-mail address").fill(buyer)
    await shop.getByLabel("Recipient's name").fill("Rudi Recipient")
    await shop.getByLabel("Recipient's e-mail address").fill(recipient)
    await shop.getByLabel("Personal message").fill(message)

    // The live preview follows the form.
    const preview = shop.getByRole("complementary", { name: "Preview" })
    await expect.poll(() => preview.textContent()).toContain(message)
    await expect.poll(() => preview.textContent()).toMatch(/42\.00/)
    await expect.poll(() => preview.textContent()).toContain("Rudi Recipient")

    await shop.getByRole("button", { name: "Buy and pay" }).click()
    await shop.getByText("Thank you! Your order has been received.").waitFor({ timeout: 60_000 })
    expect(errors).toEqual([])

    const orders = await adminApi(`/admin/orders?q=${encodeURIComponent(buyer)}`)
    expect(orders.status, orders.text).toBe(200)
    expect(orders.body.orders).toHaveLength(1)
    const order = (await adminApi(`/admin/orders/${orders.body.orders[0].id}`)).body.order
    expect(order.total).toBe(4200)
    expect(order.tax_total).toBe(0)
    const captured = await adminApi(`/admin/orders/${order.id}/capture`, { method: "POST" })
    expect(captured.status, captured.text).toBe(200)

    const mail = await waitForMail((m) => m.envelopeTo.includes(recipient), 60_000)
    const pdf = mail.attachments.find((a) => a.contentType === "application/pdf")
    expect(pdf).toBeDefined()
    const text = await pdfText(pdf!.content)
    expect(text).toContain(message)
    const sales = await adminApi("/admin/voucher-shop/sales?limit=200")
    const sale = sales.body.sales.find((s: { order_id: string }) => s.order_id === order.id)
    expect(sale).toEqual(expect.objectContaining({ amount: 4200, recipient_name: "Rudi Recipient", status: "sent" }))
    const code: string = sale.code
    expect(text).toContain(code)
    expect(mail.text).toContain(code)

    const { key } = await createTerminal({ scopes: ["gift_card"] })
    const redeemed = await posApi(`/store/pos/gift-cards/${encodeURIComponent(code)}/redeem`, { key, body: { amount: 1200 } })
    expect(redeemed.status, redeemed.text).toBe(200)
    expect(redeemed.body.gift_card.balance).toBe(3000)
  })

  it("checks a balance on the shop page", async () => {
    const { key } = await createTerminal({ scopes: ["gift_card"] })
    const sold = await posApi("/store/pos/gift-cards", { key, body: { amount: 1750, currency_code: "eur" } })
    expect(sold.status, sold.text).toBe(201)
    await page.goto(hostUrl)
    const shop = page.frameLocator('iframe[title="Voucher shop"]')
    await shop.getByLabel("Voucher code").fill(sold.body.gift_card.code)
    await shop.getByRole("button", { name: "Check" }).click()
    await expect.poll(() => shop.locator("#cm-balance-status").textContent(), { timeout: 20_000 }).toMatch(/Balance: €17\.50/)
  })
})
