/**
 * The online voucher shop over HTTP: the merchant's shop settings, designs and
 * product vouchers; a guest buys through a Medusa cart with the manual
 * provider; on capture exactly one voucher per item (however often the event
 * comes, none before), its PDF in the chosen design mailed through the real
 * SMTP sink and parsed back; delivery on a later day at that morning in
 * Europe/Berlin; a refund blocks the rest; the throttled balance check;
 * postal orders to post with their address export.
 */
import { randomUUID } from "crypto"

import { beforeAll, describe, expect, it } from "vitest"

import { adminApi, api } from "../support/api"
import { emitAgain } from "../support/events"
import { mailsTo, uniqueAddress, waitForMail } from "../support/mail"
import { pdfText } from "../support/pdf"
import { createTerminal, posApi } from "../support/pos"
import { capture, payAndComplete } from "../support/shop"

/** A 1×1 red PNG: a design's motif. */
export const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="

let tillKey: string
let designId: string
let productId: string

beforeAll(async () => {
  tillKey = (await createTerminal({ scopes: ["gift_card"] })).key
  const settings = await adminApi("/admin/voucher-shop/settings", {
    body: {
      enabled: true,
      currency_code: "eur",
      free_amount: true,
      min_amount: 1000,
      max_amount: 30000,
      preset_amounts: [2500, 5000],
      postal_enabled: true,
      postal_fee: 250,
      send_hour: 8,
      texts: {
        de: { title: "Gutscheine", intro: "Schenken Sie Genuss", terms: "Es gelten unsere AGB." },
        en: { title: "Vouchers", intro: "Give a treat", terms: "Our terms apply." },
        pt: { title: "Vales", intro: "Ofereça prazer", terms: "Aplicam-se os nossos termos." },
      },
    },
  })
  expect(settings.status, settings.text).toBe(200)
  const design = await adminApi("/admin/voucher-shop/designs", { body: { name: "Red", image: PNG } })
  expect(design.status, design.text).toBe(201)
  designId = design.body.design.id
  const product = await adminApi("/admin/voucher-shop/products", {
    body: { title: { de: "Brunch für zwei", en: "Brunch for two", pt: "Brunch para dois" }, amount: 4900 },
  })
  expect(product.status, product.text).toBe(201)
  productId = product.body.product.id
})

type Item = { amount?: number; product_id?: string; design_id?: string; recipient_name: string; recipient_email: string; message?: string; deliver_on?: string }

function shopCart(items: Item[], extra: Record<string, unknown> = {}, ip = `10.77.${randomInt()}.${randomInt()}`) {
  return api("/store/voucher-shop/carts", {
    body: { email: uniqueAddress("buyer"), sender_name: "Bruno Buyer", locale: "en", items, ...extra },
    headers: { "x-forwarded-for": ip },
  })
}

function randomInt(): number {
  return Math.floor(Math.random() * 250) + 1
}

async function salesOf(orderId: string): Promise<any[]> {
  const res = await adminApi(`/admin/voucher-shop/sales?limit=200`)
  expect(res.status, res.text).toBe(200)
  return res.body.sales.filter((s: { order_id: string }) => s.order_id === orderId)
}

async function eventuallySales(orderId: string, count: number): Promise<any[]> {
  await expect.poll(async () => (await salesOf(orderId)).length, { timeout: 20_000, interval: 200 }).toBe(count)
  return salesOf(orderId)
}

function balance(code: string, ip = `10.78.${randomInt()}.${randomInt()}`) {
  return api("/store/voucher-shop/balance", { body: { code }, headers: { "x-forwarded-for": ip } })
}

describe("shop settings", { timeout: 90_000 }, () => {
  it("shows the shop in the buyer's language with amounts, designs, product vouchers, postage and terms", async () => {
    const res = await api("/store/voucher-shop?locale=pt")
    expect(res.status, res.text).toBe(200)
    expect(res.body.shop).toEqual(
      expect.objectContaining({
        currency_code: "eur",
        min_amount: 1000,
        max_amount: 30000,
        preset_amounts: [2500, 5000],
        postal: { enabled: true, fee: 250 },
        time_zone: expect.any(String),
        texts: { title: "Vales", intro: "Ofereça prazer", terms: "Aplicam-se os nossos termos." },
      })
    )
    expect(res.body.shop.designs).toContainEqual({ id: designId, name: "Red", image: PNG })
    expect(res.body.shop.products).toContainEqual({ id: productId, title: "Brunch para dois", amount: 4900 })
  })

  it("refuses bad settings with 400 and changes nothing", async () => {
    const before = (await adminApi("/admin/voucher-shop/settings")).body.settings
    for (const body of [{ min_amount: -1 }, { preset_amounts: [1.5] }, { send_hour: 24 }, { texts: { fr: {} } }, { min_amount: 5000, max_amount: 100 }, { nonsense: true }]) {
      const res = await adminApi("/admin/voucher-shop/settings", { body })
      expect(res.status, `${JSON.stringify(body)} ${res.text}`).toBe(400)
      expect(res.body.type).toBe("invalid_request")
    }
    const bad = await adminApi("/admin/voucher-shop/designs", { body: { name: "Script", image: "javascript:alert(1)" } })
    expect(bad.status).toBe(400)
    expect((await adminApi("/admin/voucher-shop/settings")).body.settings).toEqual(before)
  })

  it("previews a design on the voucher PDF", async () => {
    const res = await fetch(`${(await import("vitest")).inject("baseUrl")}/admin/voucher-shop/designs/${designId}/preview?locale=de`, {
      headers: { authorization: `Bearer ${await (await import("../support/api")).adminToken()}` },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toContain("application/pdf")
    const pdf = Buffer.from(await res.arrayBuffer())
    expect(await pdfText(pdf)).toContain("Alles Gute zum Geburtstag!")
    expect(pdf.toString("latin1")).toMatch(/\/Subtype\s*\/Image/)
  })
})

describe("buying a voucher", { timeout: 90_000 }, () => {
  it("refuses an amount outside the shop's limits and a day in the past", async () => {
    const recipient = { recipient_name: "Rita", recipient_email: uniqueAddress("rita") }
    expect((await shopCart([{ amount: 999, ...recipient }])).status).toBe(422)
    expect((await shopCart([{ amount: 30001, ...recipient }])).status).toBe(422)
    expect((await shopCart([{ amount: 2000, ...recipient, deliver_on: "2020-01-01" }])).status).toBe(422)
    expect((await shopCart([{ amount: 2000, product_id: productId, ...recipient }])).status).toBe(400)
    expect((await shopCart([{ amount: 2000, ...recipient }], { delivery: "email_post" })).status).toBe(400)
  })

  it("issues exactly one voucher per item on capture, none before, mails its PDF with design and message, and the code redeems at a till", async () => {
    const recipientEmail = uniqueAddress("rita")
    const message = `Happy birthday, Rita ${randomUUID().slice(0, 6)}!`
    const cart = await shopCart([
      { amount: 3000, design_id: designId, recipient_name: "Rita Recipient", recipient_email: recipientEmail, message },
      { product_id: productId, recipient_name: "Rita Recipient", recipient_email: recipientEmail },
    ])
    expect(cart.status, cart.text).toBe(201)
    expect(cart.body.total).toBe(7900)
    const cartId = cart.body.cart_id
    const seen = await api(`/store/carts/${cartId}`)
    // A multi-purpose voucher carries no VAT at sale.
    expect(seen.body.cart).toEqual(expect.objectContaining({ total: 7900, tax_total: 0 }))

    const orderId = await payAndComplete(cartId)
    // Authorized, not captured: nothing is issued, also when the capture event is delivered.
    await emitAgain("order.payment_captured", { id: orderId })
    expect(await salesOf(orderId)).toEqual([])

    await capture(orderId)
    await eventuallySales(orderId, 2)
    // The capture event again, several times at once: nothing more.
    await emitAgain("order.payment_captured", { id: orderId }, 4)
    const sales = await salesOf(orderId)
    expect(sales).toHaveLength(2)
    expect(sales.map((s) => s.amount).sort()).toEqual([3000, 4900])
    expect(new Set(sales.map((s) => s.code)).size).toBe(2)

    const first = sales.find((s) => s.amount === 3000)!
    const mail = await waitForMail((m) => m.envelopeTo.includes(recipientEmail) && m.text.includes(first.code), 30_000)
    const pdf = mail.attachments.find((a) => a.contentType === "application/pdf")
    expect(pdf).toBeDefined()
    const text = await pdfText(pdf!.content)
    expect(text).toContain(first.code)
    expect(text).toContain(message)
    expect(pdf!.content.toString("latin1")).toMatch(/\/Subtype\s*\/Image/)
    // The buyer gets a copy.
    const buyerMails = await eventuallyMails(sales[0].buyer_email, 2)
    expect(buyerMails.length).toBe(2)
    // One mail per voucher to the recipient, however often capture came (the second may still be on its way: wait for it, then count).
    const recipientMails = await eventuallyMails(recipientEmail, 2)
    expect(recipientMails.length).toBe(2)
    expect(new Set(sales.map((sale) => recipientMails.filter((m) => m.text.includes(sale.code)).length))).toEqual(new Set([1]))

    const redeemed = await posApi(`/store/pos/gift-cards/${encodeURIComponent(first.code)}/redeem`, { key: tillKey, body: { amount: 1000 } })
    expect(redeemed.status, redeemed.text).toBe(200)
    expect(redeemed.body.gift_card.balance).toBe(2000)
  })

  it("sends a voucher for a later day at that morning in Europe/Berlin and not before", async () => {
    const year = new Date().getUTCFullYear() + 1
    const recipientEmail = uniqueAddress("later")
    const cart = await shopCart([{ amount: 2500, recipient_name: "Lea Later", recipient_email: recipientEmail, deliver_on: `${year}-07-15`, message: "Later!" }])
    expect(cart.status, cart.text).toBe(201)
    const orderId = await payAndComplete(cart.body.cart_id)
    await capture(orderId)
    const [sale] = await eventuallySales(orderId, 1)
    // 08:00 in Berlin in summer (CEST, UTC+2): 06:00 UTC, whatever the server's zone.
    expect(sale).toEqual(expect.objectContaining({ deliver_on: `${year}-07-15`, send_at: `${year}-07-15T06:00:00.000Z`, status: "scheduled" }))
    await waitForMail((m) => m.envelopeTo.includes(sale.buyer_email), 30_000)

    const early = await adminApi("/admin/jobs/schedules/gift-card.voucher-shop-deliveries/run", { body: { now: `${year}-07-15T05:59:00.000Z` } })
    expect(early.status, early.text).toBe(200)
    expect(early.body.run.status).toBe("ok")
    expect((await salesOf(orderId))[0].status).toBe("scheduled")
    expect(await mailsTo(recipientEmail)).toEqual([])

    const due = await adminApi("/admin/jobs/schedules/gift-card.voucher-shop-deliveries/run", { body: { now: `${year}-07-15T06:05:00.000Z` } })
    expect(due.body.run.status).toBe("ok")
    expect(due.body.run.result.sent).toBeGreaterThanOrEqual(1)
    const mail = await waitForMail((m) => m.envelopeTo.includes(recipientEmail), 30_000)
    expect(mail.text).toContain(sale.code)
    expect((await salesOf(orderId))[0].status).toBe("sent")
  })

  it("blocks what is left on the vouchers when the order is refunded", async () => {
    const cart = await shopCart([{ amount: 4000, recipient_name: "Rolf", recipient_email: uniqueAddress("rolf") }])
    const orderId = await payAndComplete(cart.body.cart_id)
    await capture(orderId)
    const [sale] = await eventuallySales(orderId, 1)
    expect((await posApi(`/store/pos/gift-cards/${encodeURIComponent(sale.code)}/redeem`, { key: tillKey, body: { amount: 500 } })).status).toBe(200)

    const refund = await adminApi(`/admin/orders/${orderId}/refund`, { body: { amount: 4000, reason: "other" } })
    expect(refund.status, refund.text).toBe(200)
    await expect.poll(async () => (await balance(sale.code)).body.voucher?.status, { timeout: 20_000, interval: 200 }).toBe("blocked")
    const redeem = await posApi(`/store/pos/gift-cards/${encodeURIComponent(sale.code)}/redeem`, { key: tillKey, body: { amount: 100 } })
    expect(redeem.status, redeem.text).toBe(409)
  })

  it("lists postal orders to post with an address export, and marks them posted", async () => {
    const cart = await shopCart([{ amount: 2500, recipient_name: "Paul Post", recipient_email: uniqueAddress("paul") }], {
      delivery: "email_post",
      shipping_address: { name: "Paul Post", line1: "=Hauptstraße 1", postal_code: "10115", city: "Berlin", country_code: "de" },
    })
    expect(cart.status, cart.text).toBe(201)
    expect(cart.body.total).toBe(2750)
    const orderId = await payAndComplete(cart.body.cart_id)
    await capture(orderId)
    const [sale] = await eventuallySales(orderId, 1)
    const toPost = await adminApi("/admin/voucher-shop/sales?to_post=true&limit=200")
    expect(toPost.body.sales.map((s: { id: string }) => s.id)).toContain(sale.id)
    const csv = await adminApi("/admin/voucher-shop/sales?to_post=true&format=csv")
    expect(csv.headers.get("content-type")).toContain("text/csv")
    expect(csv.text).toContain(`Paul Post,'=Hauptstraße 1,,10115,Berlin,DE`)

    // The labels to print: this order's address on an A4 label sheet, with the merchant as sender.
    const labels = await fetch(`${(await import("vitest")).inject("baseUrl")}/admin/voucher-shop/sales/labels?to_post=true&locale=en`, {
      headers: { authorization: `Bearer ${await (await import("../support/api")).adminToken()}` },
    })
    expect(labels.status).toBe(200)
    expect(labels.headers.get("content-type")).toContain("application/pdf")
    const labelText = await pdfText(Buffer.from(await labels.arrayBuffer()))
    expect(labelText).toContain("Paul Post")
    expect(labelText).toContain("=Hauptstraße 1")
    expect(labelText).toContain("10115 Berlin")
    expect(labelText).toContain(`Order #${sale.order_display_id}`)

    const posted = await adminApi(`/admin/voucher-shop/sales/${sale.id}/posted`, { body: {} })
    expect(posted.status, posted.text).toBe(200)
    expect(posted.body.sale.status).toBe("posted")
    const after = await adminApi("/admin/voucher-shop/sales?to_post=true&limit=200")
    expect(after.body.sales.map((s: { id: string }) => s.id)).not.toContain(sale.id)
    const again = await adminApi(`/admin/voucher-shop/sales/${sale.id}/posted`, { body: {} })
    expect(again.status, again.text).toBe(200)
    expect(again.body.sale.posted_at).toBe(posted.body.sale.posted_at)
    const everyPostal = await fetch(`${(await import("vitest")).inject("baseUrl")}/admin/voucher-shop/sales/labels?to_post=false`, {
      headers: { authorization: `Bearer ${await (await import("../support/api")).adminToken()}` },
    })
    expect(everyPostal.status).toBe(200)
    expect(await pdfText(Buffer.from(await everyPostal.arrayBuffer()))).toContain("Paul Post")
  })

  it("resends a voucher mail from the admin once per Idempotency-Key", async () => {
    const recipientEmail = uniqueAddress("again")
    const cart = await shopCart([{ amount: 1500, recipient_name: "Anna", recipient_email: recipientEmail }])
    const orderId = await payAndComplete(cart.body.cart_id)
    await capture(orderId)
    const [sale] = await eventuallySales(orderId, 1)
    await waitForMail((m) => m.envelopeTo.includes(recipientEmail), 30_000)
    for (let i = 0; i < 2; i++) {
      const res = await adminApi(`/admin/voucher-shop/sales/${sale.id}/resend`, { body: {}, headers: { "idempotency-key": "resend-1" } })
      expect(res.status, res.text).toBe(202)
    }
    await expect.poll(async () => (await mailsTo(recipientEmail)).length, { timeout: 30_000, interval: 200 }).toBe(2)
  })
})

describe("balance check", { timeout: 90_000 }, () => {
  it("answers balance and validity for a code", async () => {
    const cart = await shopCart([{ amount: 2000, recipient_name: "Bea", recipient_email: uniqueAddress("bea") }])
    const orderId = await payAndComplete(cart.body.cart_id)
    await capture(orderId)
    const [sale] = await eventuallySales(orderId, 1)
    const res = await balance(sale.code)
    expect(res.status, res.text).toBe(200)
    expect(res.body.voucher).toEqual(expect.objectContaining({ balance: 2000, currency_code: "eur", status: "active" }))
  })

  it("is throttled after repeated unknown codes", async () => {
    const ip = `10.79.${randomInt()}.${randomInt()}`
    let last = 0
    for (let i = 0; i < 150 && last !== 429; i++) {
      last = (await balance(`UNKNOWN-${randomUUID()}`, ip)).status
      expect([404, 429]).toContain(last)
    }
    expect(last).toBe(429)
    const blocked = await balance(`UNKNOWN-${randomUUID()}`, ip)
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0)
  })
})

async function eventuallyMails(address: string, count: number) {
  await expect.poll(async () => (await mailsTo(address)).length, { timeout: 30_000, interval: 200 }).toBeGreaterThanOrEqual(count)
  return mailsTo(address)
}

describe("the payment step's checkout link", { timeout: 90_000 }, () => {
  it("names the cart's providers with their top-level property, and reports the order once the cart is paid", async () => {
    const cart = await shopCart([{ amount: 2500, recipient_name: "Tom", recipient_email: uniqueAddress("tom") }])
    expect(cart.status, cart.text).toBe(201)
    const cartId = cart.body.cart_id
    expect((await api(`/store/carts/${cartId}/payment-sessions`, { method: "POST" })).status).toBe(200)
    const started = await api("/store/voucher-shop/checkout", { body: { cart_id: cartId } })
    expect(started.status, started.text).toBe(200)
    // The manual provider pays inside a frame; Stripe's providers would say top_level: true.
    expect(started.body.providers).toEqual([{ id: "manual", top_level: false, client: "direct" }])
    expect(started.body.checkout_url).toBe(`/embed/checkout?token=${encodeURIComponent(started.body.token)}`)
    expect(new Date(started.body.expires_at).getTime()).toBeGreaterThan(Date.now())
    expect(new Date(started.body.expires_at).getTime()).toBeLessThanOrEqual(Date.now() + 31 * 60_000)
    const statusUrl = `/store/voucher-shop/checkout/status?token=${encodeURIComponent(started.body.token)}`
    expect((await api(statusUrl)).body).toEqual({ status: "pending", order_id: null })
    const orderId = await payAndComplete(cartId)
    expect((await api(statusUrl)).body).toEqual({ status: "completed", order_id: orderId })
    const again = await api("/store/voucher-shop/checkout", { body: { cart_id: cartId } })
    expect(again.status, again.text).toBe(409)
  })
})
