/**
 * Loyalty rewards in the web checkout, over HTTP against the running server:
 * a signed-in customer applies rewards to a cart, the points are taken once
 * when the order is placed and not at all when completion is refused, a till
 * spending the points meanwhile makes the checkout ask the customer to look
 * again, parallel checkouts never overdraw, and a cancelled or fully refunded
 * order leaves the points where they were before it.
 */
import { randomUUID } from "crypto"

import { beforeAll, describe, expect, it } from "vitest"

import { adminApi, api } from "../support/api"
import { signUp } from "../support/customers"
import type { SignedInCustomer } from "../support/customers"
import { eventually } from "../support/eventually"
import { createTerminal, posApi } from "../support/pos"

let regionId: string
let menu: { variant_id: string; price: number }
let cappuccino: { variant_id: string; price: number }

type Cart = { id: string; total: number; subtotal: number; discount_total: number; items: { id: string; variant_id: string; quantity: number; total: number }[] }
type Order = { id: string; total: number; items: { variant_id: string; quantity: number; total: number }[] }
type Transaction = { type: string; amount: number; reference: string | null }

async function variantOf(handle: string): Promise<{ variant_id: string; price: number }> {
  const res = await api(`/store/products?handle=${handle}&region_id=${regionId}`)
  expect(res.status, res.text).toBe(200)
  const variant = res.body.products[0].variants[0]
  return { variant_id: variant.id, price: variant.calculated_price }
}

beforeAll(async () => {
  const regions = await api("/store/regions")
  regionId = regions.body.regions.find((r: { currency_code: string }) => r.currency_code === "eur").id
  menu = await variantOf("tagesmenue")
  cappuccino = await variantOf("cappuccino")
})

async function member(points: number): Promise<SignedInCustomer> {
  const shopper = await signUp({ first_name: "Rita", last_name: `Reward ${randomUUID().slice(0, 6)}` })
  if (points > 0) {
    const res = await adminApi(`/admin/loyalty/customers/${shopper.id}/adjust`, { body: { points, reason: "welcome" } })
    expect(res.status, res.text).toBe(200)
  }
  return shopper
}

async function me(shopper: SignedInCustomer): Promise<{ points: number; transactions: Transaction[] }> {
  const res = await api("/store/loyalty/me", { token: shopper.token })
  expect(res.status, res.text).toBe(200)
  return res.body
}

async function reward(body: Record<string, unknown>): Promise<{ id: string; title: string; points: number }> {
  const res = await adminApi("/admin/loyalty/rewards", { body: { title: `Reward ${randomUUID().slice(0, 6)}`, ...body } })
  expect(res.status, res.text).toBe(201)
  return res.body.reward
}

const discountReward = (points: number, amount = 350) => reward({ points, kind: "discount", discount_amount: amount, currency_code: "eur" })

/** A cart of `quantity` daily menus with address and shipping, ready for payment. */
async function cart(shopper: SignedInCustomer, quantity = 2): Promise<string> {
  const created = await api("/store/carts", { body: { region_id: regionId }, token: shopper.token })
  expect(created.status, created.text).toBe(200)
  const id = created.body.cart.id
  const added = await api(`/store/carts/${id}/line-items`, { body: { variant_id: menu.variant_id, quantity }, token: shopper.token })
  expect(added.status, added.text).toBe(200)
  const address = { first_name: "Rita", last_name: "Reward", address_1: "Hauptstr. 1", city: "Berlin", postal_code: "10115", country_code: "de" }
  expect((await api(`/store/carts/${id}`, { body: { shipping_address: address }, token: shopper.token })).status).toBe(200)
  const options = await api(`/store/shipping-options/${id}`)
  const shipping = await api(`/store/carts/${id}/shipping-methods`, { body: { option_id: options.body.shipping_options[0].id }, token: shopper.token })
  expect(shipping.status, shipping.text).toBe(200)
  return id
}

async function readCart(id: string): Promise<Cart> {
  const res = await api(`/store/carts/${id}`)
  expect(res.status, res.text).toBe(200)
  return res.body.cart
}

function applyReward(shopper: SignedInCustomer, cartId: string, rewardId: string) {
  return api(`/store/carts/${cartId}/loyalty-rewards`, { body: { reward_id: rewardId }, token: shopper.token })
}

async function complete(shopper: SignedInCustomer, cartId: string) {
  const sessions = await api(`/store/carts/${cartId}/payment-sessions`, { method: "POST", token: shopper.token })
  expect(sessions.status, sessions.text).toBe(200)
  const chosen = await api(`/store/carts/${cartId}/payment-session`, { body: { provider_id: "manual" }, token: shopper.token })
  expect(chosen.status, chosen.text).toBe(200)
  return api(`/store/carts/${cartId}/complete`, { method: "POST", token: shopper.token })
}

async function placed(shopper: SignedInCustomer, cartId: string): Promise<Order> {
  const done = await complete(shopper, cartId)
  expect(done.status, done.text).toBe(200)
  expect(done.body.type).toBe("order")
  return done.body.data
}

/** The points an order earns at the programme's default rate (1 point per euro, rounded down) on what was paid for goods. */
const earnedOn = (order: Order) => Math.floor(order.items.reduce((sum, i) => sum + i.total, 0) / 100)

describe("a fixed-discount reward in the web checkout", () => {
  it("takes the discount off the cart and the points once, when the order is placed, and earns on the amount after it", async () => {
    const shopper = await member(500)
    const coffee = await discountReward(200)
    const id = await cart(shopper)
    const before = await readCart(id)

    const applied = await applyReward(shopper, id, coffee.id)
    expect(applied.status, applied.text).toBe(200)
    expect(applied.body.rewards).toEqual([expect.objectContaining({ reward_id: coffee.id, points: 200, amount: 350, currency_code: "eur" })])
    expect(applied.body.points).toBe(500)
    expect(applied.body.points_applied).toBe(200)
    expect(applied.body.cart.total).toBe(before.total - 350)
    // Medusa counts the discount net of tax where prices exclude it.
    expect((await readCart(id)).discount_total).toBeGreaterThan(before.discount_total)
    // Nothing is taken while the cart is open.
    expect((await me(shopper)).points).toBe(500)

    const order = await placed(shopper, id)
    expect(order.total).toBe(before.total - 350)
    const earned = earnedOn(order)
    expect(earned).toBe(Math.floor((before.items[0].total - 350) / 100))
    const after = await eventually(() => me(shopper), (m) => m.points === 500 - 200 + earned)
    expect(after.points).toBe(500 - 200 + earned)
    expect(after.transactions.filter((t) => t.type === "redeem")).toEqual([expect.objectContaining({ amount: -200 })])

    // The rewards on a completed cart can no longer change.
    const late = await api(`/store/carts/${id}/loyalty-rewards/${coffee.id}`, { method: "DELETE", token: shopper.token })
    expect(late.status, late.text).toBe(409)
    expect(late.body.type).toBe("cart_completed")
  })

  it("leaves a shop coupon on the cart: both come off", async () => {
    const shopper = await member(300)
    const coffee = await discountReward(100, 200)
    const code = `SHOP${randomUUID().slice(0, 6).toUpperCase()}`
    const coupon = await adminApi("/admin/discounts", {
      body: { code, rule: { type: "fixed", value: 100, allocation: "total" }, regions: [regionId], is_dynamic: false },
    })
    expect(coupon.status, coupon.text).toBe(200)
    // What the coupon alone takes off (Medusa's fixed discounts are net of tax here).
    const couponOnly = await cart(shopper)
    const full = (await readCart(couponOnly)).total
    const withCouponOnly = await api(`/store/carts/${couponOnly}`, { body: { discounts: [{ code }] }, token: shopper.token })
    expect(withCouponOnly.status, withCouponOnly.text).toBe(200)
    const couponOff = full - withCouponOnly.body.cart.total
    expect(couponOff).toBeGreaterThan(0)

    const id = await cart(shopper)
    expect((await applyReward(shopper, id, coffee.id)).status).toBe(200)
    const withCoupon = await api(`/store/carts/${id}`, { body: { discounts: [{ code }] }, token: shopper.token })
    expect(withCoupon.status, withCoupon.text).toBe(200)
    expect(withCoupon.body.cart.total).toBe(full - couponOff - 200)
    expect((await api(`/store/carts/${id}/loyalty-rewards`, { token: shopper.token })).body.rewards).toHaveLength(1)
    const order = await placed(shopper, id)
    expect(order.total).toBe(full - couponOff - 200)
    expect((await eventually(() => me(shopper), (m) => m.points === 300 - 100 + earnedOn(order))).points).toBe(300 - 100 + earnedOn(order))
  })

  it("refuses bad input clearly and changes nothing", async () => {
    const shopper = await member(150)
    const other = await member(0)
    const coffee = await discountReward(100)
    const dear = await discountReward(200)
    const foreign = await reward({ points: 10, kind: "discount", discount_amount: 100, currency_code: "usd" })
    const huge = await discountReward(10, 1_000_000)
    const id = await cart(shopper, 1)
    const before = await readCart(id)

    expect((await api(`/store/carts/${id}/loyalty-rewards`, { body: { reward_id: coffee.id } })).status).toBe(401)
    const missing = await api(`/store/carts/${id}/loyalty-rewards`, { body: {}, token: shopper.token })
    expect(missing.status).toBe(400)
    expect(missing.body.type).toBe("invalid_request")
    expect((await api(`/store/carts/${id}/loyalty-rewards`, { rawBody: "{", token: shopper.token })).status).toBe(400)
    expect((await applyReward(shopper, id, "lrew_nope")).status).toBe(404)
    // Somebody else's cart does not exist for this customer.
    expect((await applyReward(other, id, coffee.id)).status).toBe(404)
    expect((await applyReward(shopper, "cart_nope", coffee.id)).status).toBe(404)
    const tooDear = await applyReward(shopper, id, dear.id)
    expect(tooDear.status, tooDear.text).toBe(409)
    expect(tooDear.body.type).toBe("insufficient_points")
    const wrongCurrency = await applyReward(shopper, id, foreign.id)
    expect(wrongCurrency.status).toBe(422)
    expect(wrongCurrency.body.type).toBe("currency_mismatch")
    const tooMuch = await applyReward(shopper, id, huge.id)
    expect(tooMuch.status).toBe(422)
    expect(tooMuch.body.type).toBe("reward_exceeds_cart")
    expect((await applyReward(shopper, id, coffee.id)).status).toBe(200)
    const twice = await applyReward(shopper, id, coffee.id)
    expect(twice.status).toBe(409)
    expect(twice.body.type).toBe("reward_already_applied")
    const notOn = await api(`/store/carts/${id}/loyalty-rewards/${dear.id}`, { method: "DELETE", token: shopper.token })
    expect(notOn.status).toBe(404)

    const removed = await api(`/store/carts/${id}/loyalty-rewards/${coffee.id}`, { method: "DELETE", token: shopper.token })
    expect(removed.status, removed.text).toBe(200)
    expect(removed.body.rewards).toEqual([])
    expect(removed.body.cart.total).toBe(before.total)
    expect((await readCart(id)).total).toBe(before.total)
    expect((await me(shopper)).points).toBe(150)
  })

  it("holds to the per-sale redemption cap across the rewards on one cart", async () => {
    const settings = (await adminApi("/admin/loyalty/settings")).body.settings
    const shopper = await member(1000)
    const first = await discountReward(150, 100)
    const second = await discountReward(100, 100)
    const id = await cart(shopper)
    expect((await applyReward(shopper, id, first.id)).status).toBe(200)
    try {
      expect((await adminApi("/admin/loyalty/settings", { body: { redemption_cap_points: 200 } })).status).toBe(200)
      const capped = await applyReward(shopper, id, second.id)
      expect(capped.status, capped.text).toBe(422)
      expect(capped.body.type).toBe("redemption_cap_exceeded")
      expect((await api(`/store/carts/${id}/loyalty-rewards`, { token: shopper.token })).body.points_applied).toBe(150)
    } finally {
      await adminApi("/admin/loyalty/settings", { body: { redemption_cap_points: settings.redemption_cap_points } })
    }
  })
})

describe("a product reward in the web checkout", () => {
  it("puts the product in the cart and takes one unit's price off, and earns nothing on the free unit", async () => {
    const shopper = await member(400)
    const free = await reward({ points: 300, kind: "product_variant", variant_id: cappuccino.variant_id })
    const id = await cart(shopper, 1)
    const before = await readCart(id)

    const applied = await applyReward(shopper, id, free.id)
    expect(applied.status, applied.text).toBe(200)
    expect(applied.body.rewards).toEqual([expect.objectContaining({ kind: "product_variant", points: 300 })])
    // What the customer is given: one cappuccino at its price with tax.
    expect(applied.body.rewards[0].amount).toBeGreaterThanOrEqual(cappuccino.price)
    const line = applied.body.cart.items.find((i: { variant_id: string }) => i.variant_id === cappuccino.variant_id)
    expect(line).toEqual(expect.objectContaining({ quantity: 1, total: 0 }))
    // The cart's total did not change: the cappuccino came in free.
    expect(applied.body.cart.total).toBe(before.total)

    const order = await placed(shopper, id)
    expect(order.items.find((i) => i.variant_id === cappuccino.variant_id)).toEqual(expect.objectContaining({ quantity: 1, total: 0 }))
    const menuLine = order.items.find((i) => i.variant_id === menu.variant_id)!
    expect(earnedOn(order)).toBe(Math.floor(menuLine.total / 100))
    expect((await eventually(() => me(shopper), (m) => m.points === 400 - 300 + earnedOn(order))).points).toBe(400 - 300 + earnedOn(order))
  })

  it("refuses to complete once the free product was taken out of the cart, with the reward off and nothing taken", async () => {
    const shopper = await member(400)
    const free = await reward({ points: 300, kind: "product_variant", variant_id: cappuccino.variant_id })
    const id = await cart(shopper, 1)
    const applied = await applyReward(shopper, id, free.id)
    const line = applied.body.cart.items.find((i: { variant_id: string }) => i.variant_id === cappuccino.variant_id)
    expect((await api(`/store/carts/${id}/line-items/${line.id}`, { method: "DELETE", token: shopper.token })).status).toBe(200)

    const refused = await complete(shopper, id)
    expect(refused.status, refused.text).toBe(409)
    expect(refused.body.type).toBe("reward_changed")
    expect((await api(`/store/carts/${id}/loyalty-rewards`, { token: shopper.token })).body.rewards).toEqual([])
    const order = await placed(shopper, id)
    expect(order.total).toBeGreaterThan(0)
    expect((await eventually(() => me(shopper), (m) => m.points > 400)).transactions.filter((t) => t.type === "redeem")).toEqual([])
  })
})

describe("points spent elsewhere before completion", () => {
  it("refuses to complete when a till spent the points meanwhile, then completes at the full price without taking points", async () => {
    const shopper = await member(250)
    const coffee = await discountReward(200)
    const id = await cart(shopper)
    const full = (await readCart(id)).total
    expect((await applyReward(shopper, id, coffee.id)).status).toBe(200)

    // The customer spends 100 points at a till with their card.
    const till = (await createTerminal({ scopes: ["loyalty"] })).key
    const overview = await eventually(() => adminApi(`/admin/loyalty/customers/${shopper.id}`), (r) => r.body.cards?.length > 0)
    const cardCode = overview.body.cards[0].code
    const pastry = await discountReward(100, 280)
    const spent = await posApi(`/store/pos/loyalty/${encodeURIComponent(cardCode)}/redeem`, { key: till, body: { reward_id: pastry.id } })
    expect(spent.status, spent.text).toBe(200)

    const refused = await complete(shopper, id)
    expect(refused.status, refused.text).toBe(409)
    expect(refused.body.type).toBe("reward_changed")
    expect((await readCart(id)).total).toBe(full)
    expect((await me(shopper)).points).toBe(150)

    const order = await placed(shopper, id)
    expect(order.total).toBe(full)
    const after = await eventually(() => me(shopper), (m) => m.points > 150)
    expect(after.points).toBe(150 + earnedOn(order))
    expect(after.transactions.filter((t) => t.type === "redeem")).toEqual([expect.objectContaining({ amount: -100 })])
  })

  it("lets only as many of several parallel checkouts through as the points cover, each charged once", async () => {
    const shopper = await member(250)
    const coffee = await discountReward(100)
    const carts = await Promise.all([1, 2, 3, 4].map(() => cart(shopper, 1)))
    const full = (await readCart(carts[0])).total
    for (const id of carts) {
      expect((await applyReward(shopper, id, coffee.id)).status).toBe(200)
    }
    for (const id of carts) {
      expect((await api(`/store/carts/${id}/payment-sessions`, { method: "POST", token: shopper.token })).status).toBe(200)
      expect((await api(`/store/carts/${id}/payment-session`, { body: { provider_id: "manual" }, token: shopper.token })).status).toBe(200)
    }
    const results = await Promise.all(carts.map((id) => api(`/store/carts/${id}/complete`, { method: "POST", token: shopper.token })))
    expect(results.map((r) => r.status).sort(), results.map((r) => r.text.slice(0, 300)).join("\n")).toEqual([200, 200, 409, 409])
    const orders = results.filter((r) => r.status === 200 && r.body.type === "order")
    const refused = results.filter((r) => r.status === 409)
    expect(refused.map((r) => r.body.type), refused.map((r) => r.text).join("\n")).toEqual(refused.map(() => "reward_changed"))
    expect(orders).toHaveLength(2)
    expect(refused).toHaveLength(2)
    expect(orders.map((r) => r.body.data.total)).toEqual([full - 350, full - 350])
    const after = await eventually(() => me(shopper), (m) => m.transactions.filter((t) => t.type === "grant").length >= 3)
    expect(after.transactions.filter((t) => t.type === "redeem").map((t) => t.amount)).toEqual([-100, -100])
    expect(after.points).toBe(250 - 200 + orders.reduce((sum, r) => sum + earnedOn(r.body.data), 0))
  })
})

describe("a cancelled or refunded order", () => {
  it("leaves the points where they were before the order when it is paid and then refunded in full", async () => {
    const shopper = await member(600)
    const coffee = await discountReward(200)
    const id = await cart(shopper)
    expect((await applyReward(shopper, id, coffee.id)).status).toBe(200)
    const order = await placed(shopper, id)
    const earned = earnedOn(order)
    expect(earned).toBeGreaterThan(0)
    expect((await eventually(() => me(shopper), (m) => m.points === 600 - 200 + earned)).points).toBe(600 - 200 + earned)

    expect((await adminApi(`/admin/orders/${order.id}/capture`, { method: "POST" })).status).toBe(200)
    // Refunded in two parts: the first takes back its share of the earned points, the second the rest and returns the spent ones.
    const half = Math.floor(order.total / 2)
    const first = await adminApi(`/admin/orders/${order.id}/refund`, { body: { amount: half, reason: "return" } })
    expect(first.status, first.text).toBe(200)
    const partly = await eventually(() => me(shopper), (m) => m.points < 600 - 200 + earned)
    expect(partly.points).toBeGreaterThan(600 - 200)
    expect(partly.transactions.filter((t) => t.type === "reverse")).toEqual([])
    const rest = await adminApi(`/admin/orders/${order.id}/refund`, { body: { amount: order.total - half, reason: "return" } })
    expect(rest.status, rest.text).toBe(200)
    const after = await eventually(() => me(shopper), (m) => m.points === 600)
    expect(after.points).toBe(600)
    expect(after.transactions.filter((t) => t.type === "reverse")).toEqual([expect.objectContaining({ amount: 200 })])
  })

  it("gives back the points a cancelled order's reward took, once", async () => {
    const shopper = await member(300)
    const coffee = await discountReward(300)
    const id = await cart(shopper)
    expect((await applyReward(shopper, id, coffee.id)).status).toBe(200)
    const order = await placed(shopper, id)
    await eventually(() => me(shopper), (m) => m.points === earnedOn(order))

    expect((await adminApi(`/admin/orders/${order.id}/cancel`, { method: "POST" })).status).toBe(200)
    const after = await eventually(() => me(shopper), (m) => m.points === 300)
    expect(after.points).toBe(300)
    expect(after.transactions.filter((t) => t.type === "reverse")).toEqual([expect.objectContaining({ amount: 300 })])
    expect(after.transactions.filter((t) => t.type === "adjust")).toEqual([expect.objectContaining({ amount: -earnedOn(order) })])
  })
})
