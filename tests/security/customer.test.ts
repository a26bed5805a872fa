/**
 * Security findings a customer can reach through the store API.
 */
import { Client } from "pg"
import { beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi, api } from "../support/api"
import { signUp } from "../support/customers"
import type { SignedInCustomer } from "../support/customers"
import { createTerminal, posApi } from "../support/pos"

describe("customer: top-up carts", () => {
  let till: string
  /** A region selling in another currency than the cards' (EUR). */
  let foreignRegionId: string

  beforeAll(async () => {
    till = (await createTerminal({ scopes: ["prepaid_charge", "prepaid_topup"] })).key
    foreignRegionId = await regionInAnotherCurrency()
  })

  /** A customer's own EUR card and a top-up cart of `amount` for it, with the manual payment chosen when `pay`. */
  async function topUpCart(amount: number): Promise<{ customer: SignedInCustomer; cardId: string; cartId: string }> {
    const customer = await signUp()
    const issued = await posApi("/store/pos/prepaid-cards", { key: till, body: { currency_code: "EUR", customer_id: customer.id } })
    expect(issued.status, issued.text).toBe(201)
    const cart = await api(`/store/prepaid-cards/${issued.body.prepaid_card.id}/top-up-cart`, { token: customer.token, body: { amount } })
    expect(cart.status, cart.text).toBe(201)
    return { customer, cardId: issued.body.prepaid_card.id, cartId: cart.body.cart_id }
  }

  async function payManually(cartId: string, token: string): Promise<{ total: number; currency_code: string }> {
    const sessions = await api(`/store/carts/${cartId}/payment-sessions`, { token, method: "POST" })
    expect(sessions.status, sessions.text).toBe(200)
    const chosen = await api(`/store/carts/${cartId}/payment-session`, { token, body: { provider_id: "manual" } })
    expect(chosen.status, chosen.text).toBe(200)
    return { total: chosen.body.cart.total, currency_code: chosen.body.cart.region.currency_code }
  }

  async function balanceOf(cardId: string): Promise<number> {
    const res = await adminApi(`/admin/prepaid-cards/${cardId}`)
    expect(res.status, res.text).toBe(200)
    return res.body.prepaid_card.balance
  }

  it("refuses to complete a top-up cart moved to a region of another currency, and credits nothing", async () => {
    const { customer, cardId, cartId } = await topUpCart(2500)
    const moved = await api(`/store/carts/${cartId}`, { token: customer.token, body: { region_id: foreignRegionId } })
    expect(moved.status, moved.text).toBe(200)
    // What the customer would pay: the same number, in the other currency.
    const payment = await payManually(cartId, customer.token)
    expect(payment.currency_code).not.toBe("eur")
    expect(payment.total).toBe(2500)

    const completed = await api(`/store/carts/${cartId}/complete`, { token: customer.token, method: "POST" })
    expect(completed.status, completed.text).toBe(422)
    expect(completed.body.type).toBe("top_up_changed")
    // No order, so nothing to capture: the customer is never charged.
    const cart = await api(`/store/carts/${cartId}`, { token: customer.token })
    expect(cart.body.cart.completed_at).toBeNull()
    expect(cart.body.cart.payment_authorized_at).toBeNull()
    expect(await balanceOf(cardId)).toBe(0)
  })

  it("refuses to complete a top-up cart whose line no longer carries the amount it was made for", async () => {
    const { customer, cardId, cartId } = await topUpCart(1000)
    const cart = await api(`/store/carts/${cartId}`, { token: customer.token })
    const line = cart.body.cart.items[0]
    // The store API cannot change a line without a product (Medusa fails on it and writes nothing)…
    const changed = await api(`/store/carts/${cartId}/line-items/${line.id}`, {
      token: customer.token,
      body: { quantity: 7, metadata: { prepaid_card_id: "pcard_other" } },
    })
    expect(changed.status).not.toBe(200)
    expect(await sql(`SELECT quantity, metadata FROM line_item WHERE id = $1`, [line.id])).toEqual([
      { quantity: 1, metadata: { prepaid_card_id: cardId } },
    ])
    // …so whatever changed it (a bug, a hand edit), completion checks against what was fixed.
    await sql(`UPDATE line_item SET quantity = 7 WHERE id = $1`, [line.id])
    expect((await payManually(cartId, customer.token)).total).toBe(7000)

    const completed = await api(`/store/carts/${cartId}/complete`, { token: customer.token, method: "POST" })
    expect(completed.status, completed.text).toBe(422)
    expect(completed.body.type).toBe("top_up_changed")
    expect(await balanceOf(cardId)).toBe(0)
  })

  it("credits the card the cart was made for, once its payment is captured", async () => {
    const { customer, cardId, cartId } = await topUpCart(1500)
    await payManually(cartId, customer.token)
    const completed = await api(`/store/carts/${cartId}/complete`, { token: customer.token, method: "POST" })
    expect(completed.status, completed.text).toBe(200)
    const captured = await adminApi(`/admin/orders/${completed.body.data.id}/capture`, { method: "POST" })
    expect(captured.status, captured.text).toBe(200)
    await expect.poll(() => balanceOf(cardId), { timeout: 20_000, interval: 200 }).toBe(1500)
  })

  it("refuses to credit an order whose top-up line no longer carries the amount fixed at the cart's creation", async () => {
    const { customer, cardId, cartId } = await topUpCart(800)
    await payManually(cartId, customer.token)
    const completed = await api(`/store/carts/${cartId}/complete`, { token: customer.token, method: "POST" })
    expect(completed.status, completed.text).toBe(200)
    const orderId: string = completed.body.data.id
    // Whatever changed the order afterwards (a bug, a hand edit): the crediting checks again.
    await sql(`UPDATE line_item SET quantity = 3 WHERE order_id = $1`, [orderId])

    const captured = await adminApi(`/admin/orders/${orderId}/capture`, { method: "POST" })
    expect(captured.status, captured.text).toBe(200)
    // The recovery route runs the same crediting as the capture's subscriber.
    const credit = await adminApi(`/admin/prepaid-cards/top-ups/${orderId}`, { method: "POST" })
    expect(credit.status, credit.text).toBe(422)
    expect(credit.body.type).toBe("top_up_changed")
    expect(await balanceOf(cardId)).toBe(0)
  })
})

/** Runs one statement on the server's database. */
async function sql(text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: inject("databaseUrl") })
  await client.connect()
  try {
    return (await client.query(text, params)).rows
  } finally {
    await client.end()
  }
}

/** A region in CHF with the manual payment provider (created once per database). */
async function regionInAnotherCurrency(): Promise<string> {
  const regions = await adminApi("/admin/regions?limit=100")
  expect(regions.status, regions.text).toBe(200)
  const existing = regions.body.regions.find((r: { currency_code: string }) => r.currency_code !== "eur")
  if (existing) {
    return existing.id
  }
  const currency = await adminApi("/admin/store/currencies/chf", { method: "POST" })
  expect(currency.status, currency.text).toBe(200)
  const created = await adminApi("/admin/regions", {
    body: { name: "Schweiz", currency_code: "chf", tax_rate: 0, payment_providers: ["manual"], fulfillment_providers: ["manual"], countries: ["ch"] },
  })
  expect(created.status, created.text).toBe(200)
  return created.body.region.id
}
