/**
 * Paying a Medusa web cart with gift vouchers through the store API: the
 * voucher is charged exactly once when the order is placed, not at all when
 * completion fails, never beyond its balance when a till spends it at the same
 * moment, and several vouchers are spent soonest-expiring first, then the
 * smallest, only as far as the cart needs. A cancelled order gives it back.
 */
import { randomUUID } from "crypto"

import { beforeAll, describe, expect, it } from "vitest"

import { adminApi, adminToken, api } from "../support/api"
import { clientIp, createTerminal, posApi } from "../support/pos"
import { demoShop } from "../support/shop"

let till: string
let regionId: string
let variantId: string

beforeAll(async () => {
  till = (await createTerminal({ scopes: ["gift_card"] })).key
  const shop = await demoShop()
  regionId = shop.regionId
  variantId = shop.variantId
})

type Cart = { id: string; total: number; gift_card_total: number; tax_total: number; gift_cards: { id: string; metadata: { card_id: string } }[] }

/** A cart with `quantity` daily menus, an address and the pick-up shipping method, ready to pay. */
async function cart(quantity: number): Promise<Cart> {
  const created = await api("/store/carts", { body: { region_id: regionId } })
  expect(created.status, created.text).toBe(200)
  const id = created.body.cart.id
  expect((await api(`/store/carts/${id}/line-items`, { body: { variant_id: variantId, quantity } })).status).toBe(200)
  const address = { first_name: "Ada", last_name: "Lovelace", address_1: "Hauptstr. 1", city: "Berlin", postal_code: "10115", country_code: "de" }
  expect((await api(`/store/carts/${id}`, { body: { email: "ada@example.com", shipping_address: address } })).status).toBe(200)
  const options = await api(`/store/shipping-options/${id}`)
  const shipped = await api(`/store/carts/${id}/shipping-methods`, { body: { option_id: options.body.shipping_options[0].id } })
  expect(shipped.status, shipped.text).toBe(200)
  return shipped.body.cart
}

async function payRestManually(id: string): Promise<void> {
  const sessions = await api(`/store/carts/${id}/payment-sessions`, { method: "POST" })
  expect(sessions.status, sessions.text).toBe(200)
  const chosen = await api(`/store/carts/${id}/payment-session`, { body: { provider_id: "manual" } })
  expect(chosen.status, chosen.text).toBe(200)
}

async function sell(amount: number): Promise<{ id: string; code: string }> {
  const res = await posApi("/store/pos/gift-cards", { key: till, body: { amount, currency_code: "eur" } })
  expect(res.status, res.text).toBe(201)
  return res.body.gift_card
}

/** An order of one daily menu, paid with a new voucher of `amount` and the rest by the manual provider: the voucher and the order's id. */
async function orderPaidWithVoucher(amount: number): Promise<{ v: { id: string; code: string }; orderId: string }> {
  const v = await sell(amount)
  const c = await cart(1)
  expect((await apply(c.id, v.code)).status).toBe(200)
  await payRestManually(c.id)
  const done = await api(`/store/carts/${c.id}/complete`, { method: "POST" })
  expect(done.status, done.text).toBe(200)
  return { v, orderId: done.body.data.id }
}

async function voucher(id: string): Promise<{ balance: number; transactions: { type: string; amount: number; reference: string | null }[] }> {
  const res = await adminApi(`/admin/vouchers/${id}?limit=200`)
  expect(res.status, res.text).toBe(200)
  return { balance: res.body.gift_card.balance, transactions: res.body.transactions }
}

const apply = (cartId: string, code: string, ip = clientIp()) =>
  api(`/store/carts/${cartId}/vouchers`, { body: { code }, headers: { "x-forwarded-for": ip } })

describe("a cart paid partly by voucher", () => {
  it("completes one order and takes the voucher's balance once", async () => {
    const v = await sell(500)
    const c = await cart(2)
    const applied = await apply(c.id, v.code.toLowerCase().replace(/-/g, " "))
    expect(applied.status, applied.text).toBe(200)
    expect(applied.body.cart.gift_card_total).toBe(500)
    expect(applied.body.cart.total).toBe(c.total - 500)
    // A means of payment: the tax stays what it was.
    expect(applied.body.cart.tax_total).toBe(c.tax_total)
    // Nothing is taken before the order is placed.
    expect((await voucher(v.id)).balance).toBe(500)

    await payRestManually(c.id)
    const [first, retry] = [await api(`/store/carts/${c.id}/complete`, { method: "POST" }), await api(`/store/carts/${c.id}/complete`, { method: "POST" })]
    expect(first.status, first.text).toBe(200)
    expect(first.body.type).toBe("order")
    expect(retry.body.data.id).toBe(first.body.data.id)
    expect(first.body.data.gift_card_total).toBe(500)

    const after = await voucher(v.id)
    expect(after.balance).toBe(0)
    const redeems = after.transactions.filter((t) => t.type === "redeem")
    expect(redeems).toEqual([expect.objectContaining({ amount: -500, reference: `web order #${first.body.data.display_id}` })])
  })

  it("leaves the voucher untouched when completion fails", async () => {
    const v = await sell(700)
    const c = await cart(3)
    expect((await apply(c.id, v.code)).status).toBe(200)
    // No payment session for the rest: Medusa refuses to complete.
    const failed = await api(`/store/carts/${c.id}/complete`, { method: "POST" })
    expect(failed.status).not.toBe(200)
    expect(await voucher(v.id)).toEqual({ balance: 700, transactions: [expect.objectContaining({ type: "issue" })] })
  })

  it("refuses to complete when a till spent the voucher meanwhile, then completes with the new total", async () => {
    const v = await sell(1000)
    const c = await cart(2)
    expect((await apply(c.id, v.code)).body.cart.gift_card_total).toBe(1000)
    await payRestManually(c.id)
    expect((await posApi(`/store/pos/gift-cards/${v.code}/redeem`, { key: till, body: { amount: 600 } })).status).toBe(200)

    const refused = await api(`/store/carts/${c.id}/complete`, { method: "POST" })
    expect(refused.status).toBe(409)
    expect(refused.body.type).toBe("voucher_changed")
    expect((await voucher(v.id)).balance).toBe(400)

    const refreshed = await api(`/store/carts/${c.id}`)
    expect(refreshed.body.cart.gift_card_total).toBe(400)
    await payRestManually(c.id)
    const done = await api(`/store/carts/${c.id}/complete`, { method: "POST" })
    expect(done.status, done.text).toBe(200)
    expect(done.body.data.gift_card_total).toBe(400)
    expect((await voucher(v.id)).balance).toBe(0)
  })
})

describe("Medusa's own gift-card page", () => {
  it("lists Medusa's gift cards but none of the shadows that pay carts with our vouchers", async () => {
    const v = await sell(300)
    const c = await cart(1)
    const applied = await apply(c.id, v.code)
    expect(applied.status, applied.text).toBe(200)
    const shadow = applied.body.cart.gift_cards[0]
    expect(shadow.metadata.card_id).toBeTruthy()
    const own = await adminApi("/admin/gift-cards", { body: { region_id: regionId, value: 1000 } })
    expect(own.status, own.text).toBe(200)

    const listed = await adminApi(`/admin/gift-cards?limit=1000`)
    expect(listed.status, listed.text).toBe(200)
    const ids = listed.body.gift_cards.map((g: { id: string }) => g.id)
    expect(ids).toContain(own.body.gift_card.id)
    expect(ids).not.toContain(shadow.id)
    expect(listed.body.gift_cards.filter((g: { metadata: Record<string, unknown> | null }) => g.metadata?.ledger_account_id)).toEqual([])
    expect(listed.body.count).toBe(listed.body.gift_cards.length)
    // The search box of that page neither.
    const searched = await adminApi(`/admin/gift-cards?q=${encodeURIComponent(shadow.code)}`)
    expect(searched.status, searched.text).toBe(200)
    expect(searched.body.gift_cards).toEqual([])
    // The shadow itself still works: the cart completes with it.
    await payRestManually(c.id)
    expect((await api(`/store/carts/${c.id}/complete`, { method: "POST" })).body.type).toBe("order")
  })
})

describe("several vouchers on one cart", () => {
  it("spends the soonest-expiring first, then the smallest, and stops once the cart is covered", async () => {
    const c = await cart(1) // one menu: 12.90 + 19 % tax
    const total = c.total
    expect(total).toBeGreaterThan(1000)
    const big = await sell(total)
    const small = await sell(300)
    await adminApi("/admin/vouchers/settings", { body: { validity: "months", validity_count: 1 } })
    const soon = await sell(400)
    await adminApi("/admin/vouchers/settings", { body: { validity: "none" } })

    for (const v of [big, small, soon]) {
      expect((await apply(c.id, v.code)).status).toBe(200)
    }
    const covered = (await api(`/store/carts/${c.id}`)).body.cart
    expect(covered.total).toBe(0)
    expect(covered.gift_card_total).toBe(total)

    // Fully covered: no payment session needed.
    const done = await api(`/store/carts/${c.id}/complete`, { method: "POST" })
    expect(done.status, done.text).toBe(200)
    expect(done.body.type).toBe("order")
    expect((await voucher(soon.id)).balance).toBe(0)
    expect((await voucher(small.id)).balance).toBe(0)
    expect((await voucher(big.id)).balance).toBe(700)
  })
})

describe("a web checkout racing the till", () => {
  it("never overdraws the voucher and charges what the order took, once", async () => {
    const v = await sell(1000)
    const c = await cart(1)
    expect((await apply(c.id, v.code)).status).toBe(200)
    await payRestManually(c.id)

    const [web, ...tills] = await Promise.all([
      api(`/store/carts/${c.id}/complete`, { method: "POST" }),
      ...Array.from({ length: 10 }, () => posApi(`/store/pos/gift-cards/${v.code}/redeem`, { key: till, body: { amount: 100 } })),
    ])
    const after = await voucher(v.id)
    expect(after.balance).toBeGreaterThanOrEqual(0)
    const tillTaken = tills.filter((t) => t.status === 200).length * 100
    const webTaken = web.status === 200 ? web.body.data.gift_card_total : 0
    expect(webTaken + tillTaken + after.balance).toBe(1000)
    const redeems = after.transactions.filter((t) => t.type === "redeem")
    expect(redeems.reduce((sum, t) => sum - t.amount, 0)).toBe(webTaken + tillTaken)
    expect(redeems.filter((t) => t.reference?.startsWith("web order"))).toHaveLength(web.status === 200 ? 1 : 0)
  })
})

describe("cancelling an order", () => {
  it("puts what it took back on the voucher, once", async () => {
    const { v, orderId } = await orderPaidWithVoucher(800)
    expect((await voucher(v.id)).balance).toBe(0)

    const cancelled = await adminApi(`/admin/orders/${orderId}/cancel`, { method: "POST" })
    expect(cancelled.status, cancelled.text).toBe(200)
    await expect.poll(async () => (await voucher(v.id)).balance, { timeout: 15_000 }).toBe(800)
    const reversals = (await voucher(v.id)).transactions.filter((t) => t.type === "reverse")
    expect(reversals).toHaveLength(1)
  })
})

describe("partial refunds", () => {
  it("put part of the voucher payment back, never more than it paid, and a later cancellation only the rest", async () => {
    const { v, orderId } = await orderPaidWithVoucher(800)
    const refund = (amount: number, key = randomUUID()) =>
      adminApi(`/admin/vouchers/orders/${orderId}/refund`, { body: { amount, reference: "one dish missing" }, headers: { "idempotency-key": key } })

    const key = randomUUID()
    const [first, retry] = await Promise.all([refund(300, key), refund(300, key)])
    expect(first.status, first.text).toBe(200)
    expect(retry.body).toEqual(first.body)
    expect((await voucher(v.id)).balance).toBe(300)

    const tooMuch = await refund(600)
    expect(tooMuch.status).toBe(422)
    expect(tooMuch.body.type).toBe("refund_exceeds_voucher_payment")
    expect((await voucher(v.id)).balance).toBe(300)

    expect((await refund(200)).status).toBe(200)
    expect((await api(`/admin/orders/${orderId}/cancel`, { method: "POST", token: await adminToken() })).status).toBe(200)
    await expect.poll(async () => (await voucher(v.id)).balance, { timeout: 15_000 }).toBe(800)
    // Cancelling put back only the 300 not yet refunded, and only once.
    const credits = (await voucher(v.id)).transactions.filter((t) => t.type === "adjust" || t.type === "reverse")
    expect(credits.map((t) => t.amount).sort((a, b) => a - b)).toEqual([200, 300, 300])
  })
})

describe("bad input", () => {
  it("refuses unknown, blocked and foreign-currency vouchers and leaves the cart as it was", async () => {
    const c = await cart(1)
    expect((await apply(c.id, "NOPE-NOPE-NOPE")).status).toBe(404)
    expect((await api(`/store/carts/${c.id}/vouchers`, { body: { code: "x", extra: 1 } })).status).toBe(400)
    expect((await api(`/store/carts/${c.id}/vouchers`, { rawBody: "{nope" })).status).toBe(400)
    expect((await apply(`cart_${randomUUID()}`, (await sell(100)).code)).status).toBe(404)

    const blocked = await sell(100)
    await adminApi(`/admin/vouchers/${blocked.id}/block`, { body: {} })
    const b = await apply(c.id, blocked.code)
    expect(b.status).toBe(409)
    expect(b.body.type).toBe("card_blocked")

    const dkk = await posApi("/store/pos/gift-cards", { key: till, body: { amount: 100, currency_code: "dkk" } })
    const foreign = await apply(c.id, dkk.body.gift_card.code)
    expect(foreign.status).toBe(422)
    expect(foreign.body.type).toBe("currency_mismatch")

    const unchanged = (await api(`/store/carts/${c.id}`)).body.cart
    expect(unchanged.gift_card_total).toBe(0)
    expect(unchanged.total).toBe(c.total)
  })

  it("throttles one client guessing voucher codes, per IP, while another is unaffected", async () => {
    const c = await cart(1)
    const guesser = clientIp()
    const answers = []
    for (let i = 0; i < 110; i++) {
      answers.push((await apply(c.id, `GUESS${i}X`, guesser)).status)
    }
    expect(answers.slice(0, 99).every((s) => s === 404)).toBe(true)
    expect(answers.at(-1)).toBe(429)
    const v = await sell(100)
    expect((await apply(c.id, v.code)).status).toBe(200)
  })
})
