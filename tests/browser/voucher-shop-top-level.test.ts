/**
 * The payment step of a provider that cannot pay inside a frame (Stripe's, in
 * production). No network to Stripe here: a server of its own marks the
 * manual provider as top-level-only (PAYMENT_TOP_LEVEL_PROVIDERS=manual, the
 * same provider property Stripe's providers have by default), and loads
 * medusa-payment-stripe with keys of no account. Framed on a host
 * page of another origin, the shop continues on the server's own top-level
 * checkout page in a new window (the cart in a signed token in its address),
 * which pays and tells the framed shop; opened on its own, the shop pays inline.
 */
import http from "http"
import type { AddressInfo } from "net"

import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"

import { adminToken, api } from "../support/api"
import { launchBrowser } from "../support/browser"
import { ADMIN, createDatabaseFromTemplate, dropDatabase, ensureTemplate } from "../support/database"
import { uniqueAddress } from "../support/mail"
import { RunningServer, startServer } from "../support/server"

let database: string
let server: RunningServer
let token: string
let browser: Browser
let context: BrowserContext
let page: Page
let host: http.Server
let hostUrl: string

beforeAll(async () => {
  database = `cm_toplevel_${Date.now().toString(36)}${process.pid}`
  const databaseUrl = await createDatabaseFromTemplate(await ensureTemplate(), database)
  server = await startServer({
    name: "voucher-shop-top-level",
    env: {
      DATABASE_URL: databaseUrl,
      REDIS_URL: inject("redisUrl"),
      REDIS_NAMESPACE: `cmtop-${database}`,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      PAYMENT_TOP_LEVEL_PROVIDERS: "manual,stripe",
      // Stripe loaded with keys of no account: its providers exist, nothing here calls Stripe.
      STRIPE_API_KEY: "sk_test_not_a_real_key_for_the_tests",
      STRIPE_WEBHOOK_SECRET: "whsec_not_a_real_secret_for_the_tests",
      STRIPE_PUBLISHABLE_KEY: "pk_test_not_a_real_key_for_the_tests",
    },
  })
  token = await adminToken(ADMIN, server.url)
  const settings = await api("/admin/voucher-shop/settings", {
    baseUrl: server.url,
    token,
    body: { enabled: true, currency_code: "eur", free_amount: true, min_amount: 1000, max_amount: 30000, preset_amounts: [2500, 5000], postal_enabled: false },
  })
  expect(settings.status, settings.text).toBe(200)
  host = http.createServer((_req, res) => {
    res.setHeader("content-type", "text/html; charset=utf-8")
    res.end(`<!doctype html><html lang="en"><head><title>Café homepage</title></head><body>
      <h1>Café homepage</h1>
      <iframe title="Voucher shop" src="${server.url}/embed/vouchers?locale=en" style="width:100%;height:1600px;border:0"></iframe>
    </body></html>`)
  })
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", () => resolve()))
  hostUrl = `http://localhost:${(host.address() as AddressInfo).port}/`
  browser = await launchBrowser()
  context = await browser.newContext({ viewport: { width: 390, height: 844 } })
  page = await context.newPage()
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => host?.close(resolve))
  await server?.stop()
  if (database) await dropDatabase(database)
})

/** The buyer's orders with their totals (the admin list leaves totals out). */
async function ordersOf(email: string): Promise<{ id: string; total: number }[]> {
  const res = await api(`/admin/orders?q=${encodeURIComponent(email)}`, { baseUrl: server.url, token })
  expect(res.status, res.text).toBe(200)
  return Promise.all(
    res.body.orders.map(async (o: { id: string }) => (await api(`/admin/orders/${o.id}`, { baseUrl: server.url, token })).body.order)
  )
}

type Form = { getByLabel(l: string | RegExp): { fill(v: string): Promise<void> }; getByRole(r: "button", o: { name: string }): { click(): Promise<void> } }

async function fillShop(shop: Form, buyer: string, amount: string): Promise<void> {
  await shop.getByLabel(/Your own amount/).fill(amount)
  await shop.getByLabel("Your name").fill("Toni Top")
  await shop.getByLabel("Your e-mail address").fill(buyer)
  await shop.getByLabel("Recipient's name").fill("Rita Recipient")
  await shop.getByLabel("Recipient's e-mail address").fill(uniqueAddress("top-recipient"))
  await shop.getByRole("button", { name: "Buy and pay" }).click()
}

describe("a payment step that needs a top-level page", { timeout: 120_000 }, () => {
  it("framed: continues in a new top-level window on the server's checkout page, pays there, and the framed shop learns it", async () => {
    const errors: string[] = []
    page.on("pageerror", (e) => errors.push(e.message))
    await page.goto(hostUrl)
    const shop = page.frameLocator('iframe[title="Voucher shop"]')
    await shop.getByRole("heading", { level: 1 }).waitFor({ timeout: 30_000 })
    const buyer = uniqueAddress("top-framed")
    await fillShop(shop, buyer, "33")

    const link = shop.getByRole("link", { name: "Continue to secure payment (new window)" })
    await link.waitFor({ timeout: 30_000 })
    const opened = context.waitForEvent("page")
    await link.click()
    const checkout = await opened
    await checkout.waitForLoadState()
    // A page of its own at the top level, on the server's origin, carrying the cart in a signed token.
    expect(checkout.url()).toMatch(new RegExp(`^${server.url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/embed/checkout\\?token=`))
    expect(await checkout.evaluate(() => window.top === window.self)).toBe(true)
    expect(await checkout.evaluate(() => document.cookie)).toBe("")
    await expect.poll(() => checkout.locator("main").textContent(), { timeout: 20_000 }).toMatch(/€33\.00/)
    expect(await ordersOf(buyer)).toHaveLength(0)

    await checkout.getByRole("button", { name: "Pay now" }).click()
    await checkout.getByText("Paid, thank you! You can close this window.").waitFor({ timeout: 60_000 })
    await shop.getByText("Thank you! Your order has been received.").waitFor({ timeout: 30_000 })
    const orders = await ordersOf(buyer)
    expect(orders).toHaveLength(1)
    expect(orders[0].total).toBe(3300)
    await checkout.close()
    expect(errors).toEqual([])
  })

  it("unframed: the shop on its own pays inline, without another window", async () => {
    const own = await context.newPage()
    await own.goto(`${server.url}/embed/vouchers?locale=en`)
    const before = context.pages().length
    const buyer = uniqueAddress("top-unframed")
    await fillShop(own as unknown as Form, buyer, "21")
    await own.getByText("Thank you! Your order has been received.").waitFor({ timeout: 60_000 })
    expect(context.pages()).toHaveLength(before)
    expect(new URL(own.url()).pathname).toBe("/embed/vouchers")
    const orders = await ordersOf(buyer)
    expect(orders).toHaveLength(1)
    expect(orders[0].total).toBe(2100)
    await own.close()
  })

  it("framed top-up: a blank voucher is loaded through the top-level window, with its serial and PIN", async () => {
    const made = await api("/admin/voucher-shop/blank-batches", { baseUrl: server.url, token, body: { name: "Framed top-up", currency_code: "eur", count: 1 } })
    expect(made.status, made.text).toBe(201)
    const [blank] = made.body.vouchers as { serial: string; pin: string; code: string }[]
    const topUpHost = http.createServer((_req, res) => {
      res.setHeader("content-type", "text/html; charset=utf-8")
      res.end(`<!doctype html><html lang="en"><head><title>Canteen</title></head><body>
        <iframe title="Top-up" src="${server.url}/embed/top-up?locale=en&serial=${blank.serial}" style="width:100%;height:1200px;border:0"></iframe></body></html>`)
    })
    await new Promise<void>((resolve) => topUpHost.listen(0, "127.0.0.1", () => resolve()))
    try {
      const framed = await context.newPage()
      await framed.goto(`http://localhost:${(topUpHost.address() as AddressInfo).port}/`)
      const topUp = framed.frameLocator('iframe[title="Top-up"]')
      // The sheet's QR code opens the page with the serial filled in.
      await expect.poll(() => topUp.getByLabel("Serial number").inputValue(), { timeout: 30_000 }).toBe(blank.serial)
      await topUp.getByLabel("PIN (under the scratch field)").fill(blank.pin)
      await topUp.getByLabel("Amount in euros").fill("15")
      await topUp.getByLabel("Your e-mail address").fill(uniqueAddress("top-blank"))
      await topUp.getByRole("button", { name: "Top up and pay" }).click()
      const link = topUp.getByRole("link", { name: "Continue to secure payment (new window)" })
      await link.waitFor({ timeout: 30_000 })
      const opened = context.waitForEvent("page")
      await link.click()
      const checkout = await opened
      await checkout.getByRole("button", { name: "Pay now" }).click()
      await checkout.getByText("Paid, thank you! You can close this window.").waitFor({ timeout: 60_000 })
      await topUp.getByText("Thank you! The amount is credited once the payment is confirmed.").waitFor({ timeout: 30_000 })
      await checkout.close()
      await framed.close()
    } finally {
      await new Promise((resolve) => topUpHost.close(resolve))
    }
  })

  it("with Stripe's keys set, loads medusa-payment-stripe and lets the pages load Stripe's script", async () => {
    const providers = await api("/admin/store/payment-providers", { baseUrl: server.url, token })
    expect(providers.status, providers.text).toBe(200)
    expect(providers.body.payment_providers.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(["manual", "stripe"]))
    for (const path of ["/embed/vouchers?locale=en", "/embed/top-up?locale=en"]) {
      const res = await api(path, { baseUrl: server.url })
      expect(res.status, path).toBe(200)
      const csp = res.headers.get("content-security-policy") ?? ""
      expect(csp).toContain("script-src 'self' https://js.stripe.com")
      expect(csp).toContain("frame-src https://js.stripe.com https://hooks.stripe.com")
      expect(csp).toContain("frame-ancestors *")
      expect(res.text).toContain('data-stripe-key="pk_test_not_a_real_key_for_the_tests"')
      expect(res.text).not.toContain("sk_test_")
    }
  })
})
