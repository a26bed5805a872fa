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

describe("customer: checkout settlement after the order is placed", () => {
  let till: string
  let regionId: string
  let variantId: string

  beforeAll(async () => {
    till = (await createTerminal({ scopes: ["gift_card"] })).key
    const regions = await api("/store/regions")
    regionId = regions.body.regions.find((r: { currency_code: string }) => r.currency_code === "eur").id
    const products = await api("/store/products?handle=tagesmenue")
    variantId = products.body.products[0].variants[0].id
  })

  /** A cart of two daily menus, paid with a voucher of `amount` and the rest manually; with the voucher and its ledger account. */
  async function voucherCart(amount: number): Promise<{ cartId: string; voucherId: string; accountId: string; total: number }> {
    const sold = await posApi("/store/pos/gift-cards", { key: till, body: { amount, currency_code: "eur" } })
    expect(sold.status, sold.text).toBe(201)
    const created = await api("/store/carts", { body: { region_id: regionId } })
    const cartId: string = created.body.cart.id
    expect((await api(`/store/carts/${cartId}/line-items`, { body: { variant_id: variantId, quantity: 2 } })).status).toBe(200)
    const address = { first_name: "Ada", last_name: "Lovelace", address_1: "Hauptstr. 1", city: "Berlin", postal_code: "10115", country_code: "de" }
    expect((await api(`/store/carts/${cartId}`, { body: { email: "ada@example.com", shipping_address: address } })).status).toBe(200)
    const options = await api(`/store/shipping-options/${cartId}`)
    expect((await api(`/store/carts/${cartId}/shipping-methods`, { body: { option_id: options.body.shipping_options[0].id } })).status).toBe(200)
    const applied = await api(`/store/carts/${cartId}/vouchers`, { body: { code: sold.body.gift_card.code } })
    expect(applied.status, applied.text).toBe(200)
    expect((await api(`/store/carts/${cartId}/payment-sessions`, { method: "POST" })).status).toBe(200)
    expect((await api(`/store/carts/${cartId}/payment-session`, { body: { provider_id: "manual" } })).status).toBe(200)
    const [card] = await sql(`SELECT account_id FROM card WHERE id = $1`, [sold.body.gift_card.id])
    return { cartId, voucherId: sold.body.gift_card.id, accountId: String(card.account_id), total: applied.body.cart.total }
  }

  async function voucher(id: string): Promise<{ balance: number; redeems: { amount: number; reference: string | null }[] }> {
    const res = await adminApi(`/admin/vouchers/${id}?limit=200`)
    expect(res.status, res.text).toBe(200)
    return { balance: res.body.gift_card.balance, redeems: res.body.transactions.filter((t: { type: string }) => t.type === "redeem") }
  }

  /**
   * Makes every debit of this voucher's account fail inside the database (a
   * trigger), as any failure between Medusa's commit of the order and the
   * settlement would; `release` lifts it.
   */
  async function refuseDebits(accountId: string): Promise<{ release: () => Promise<void> }> {
    const name = `test_refuse_${accountId.replace(/[^a-zA-Z0-9]/g, "").toLowerCase()}`
    await sql(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'test: debits refused'; END $$`)
    await sql(
      `CREATE TRIGGER ${name} BEFORE INSERT ON ledger_transaction FOR EACH ROW
       WHEN (NEW.account_id = '${accountId}' AND NEW.type = 'redeem') EXECUTE FUNCTION ${name}()`
    )
    return {
      release: async () => {
        await sql(`DROP TRIGGER IF EXISTS ${name} ON ledger_transaction`)
        await sql(`DROP FUNCTION IF EXISTS ${name}()`)
      },
    }
  }

  async function failedSettlement(orderId: string): Promise<{ id: string; queue: string; key: string; attempts: number } | undefined> {
    const res = await adminApi("/admin/jobs/failed")
    expect(res.status, res.text).toBe(200)
    return res.body.jobs.find((j: { queue: string; key: string }) => j.queue === "settlement" && j.key === orderId)
  }

  it("gives the customer the order when settling fails, reports it to the merchant, and the repair takes the voucher once", async () => {
    const c = await voucherCart(500)
    const refusal = await refuseDebits(c.accountId)
    try {
      const completed = await api(`/store/carts/${c.cartId}/complete`, { method: "POST" })
      expect(completed.status, completed.text).toBe(200)
      expect(completed.body.type).toBe("order")
      expect(completed.body.data.gift_card_total).toBe(500)
      const orderId: string = completed.body.data.id
      // A retry of the completion answers the same order, also while settling still fails.
      const retry = await api(`/store/carts/${c.cartId}/complete`, { method: "POST" })
      expect(retry.status, retry.text).toBe(200)
      expect(retry.body.data.id).toBe(orderId)
      expect((await voucher(c.voucherId)).balance).toBe(500)

      // The repair job retries, then stands in the merchant's failed list.
      await expect.poll(() => failedSettlement(orderId), { timeout: 30_000, interval: 300 }).toEqual(
        expect.objectContaining({ queue: "settlement", key: orderId, attempts: 5 })
      )
      await refusal.release()
      const failed = (await failedSettlement(orderId))!
      const retried = await adminApi(`/admin/jobs/failed/${failed.id}/retry`, { method: "POST" })
      expect(retried.status, retried.text).toBe(200)
      await expect.poll(async () => (await voucher(c.voucherId)).balance, { timeout: 20_000, interval: 200 }).toBe(0)
      const after = await voucher(c.voucherId)
      expect(after.redeems).toEqual([expect.objectContaining({ amount: -500, reference: `web order #${completed.body.data.display_id}` })])
      expect(await failedSettlement(orderId)).toBeUndefined()
    } finally {
      await refusal.release()
    }
  }, 90_000)

  it("finds an unsettled order in the periodic reconciliation and settles it once", async () => {
    const c = await voucherCart(300)
    const refusal = await refuseDebits(c.accountId)
    try {
      const completed = await api(`/store/carts/${c.cartId}/complete`, { method: "POST" })
      expect(completed.status, completed.text).toBe(200)
      const orderId: string = completed.body.data.id
      const later = new Date(Date.now() + 5 * 60_000).toISOString()
      // Still failing: reported, nothing taken.
      const stillFailing = await adminApi("/admin/jobs/schedules/ledger.checkout-settlements/run", { body: { now: later } })
      expect(stillFailing.status, stillFailing.text).toBe(200)
      expect(stillFailing.body.run.result.failed).toContain(orderId)
      expect((await voucher(c.voucherId)).balance).toBe(300)
      // Let the repair job use up its attempts first: then only the reconciliation can settle it.
      await expect.poll(() => failedSettlement(orderId), { timeout: 30_000, interval: 300 }).toBeDefined()

      await refusal.release()
      const repaired = await adminApi("/admin/jobs/schedules/ledger.checkout-settlements/run", { body: { now: later } })
      expect(repaired.status, repaired.text).toBe(200)
      expect(repaired.body.run.result.repaired).toContain(orderId)
      expect(await voucher(c.voucherId)).toEqual({ balance: 0, redeems: [expect.objectContaining({ amount: -300 })] })
      // Settled: the next run finds nothing more for it, and takes nothing more.
      const again = await adminApi("/admin/jobs/schedules/ledger.checkout-settlements/run", { body: { now: later } })
      expect(again.body.run.result.repaired).not.toContain(orderId)
      expect((await voucher(c.voucherId)).redeems).toHaveLength(1)
    } finally {
      await refusal.release()
    }
  }, 90_000)
})

describe("customer: reward points settled after the order is placed", () => {
  it("gives the customer the order when taking the reward's points fails, and the repair takes them once", async () => {
    const regions = await api("/store/regions")
    const regionId = regions.body.regions.find((r: { currency_code: string }) => r.currency_code === "eur").id
    const variantId = (await api("/store/products?handle=tagesmenue")).body.products[0].variants[0].id
    const shopper = await signUp({ first_name: "Rita", last_name: "Reward" })
    expect((await adminApi(`/admin/loyalty/customers/${shopper.id}/adjust`, { body: { points: 500, reason: "welcome" } })).status).toBe(200)
    const reward = await adminApi("/admin/loyalty/rewards", {
      body: { title: `Coffee ${Date.now()}`, points: 200, kind: "discount", discount_amount: 350, currency_code: "eur" },
    })
    expect(reward.status, reward.text).toBe(201)

    const created = await api("/store/carts", { body: { region_id: regionId }, token: shopper.token })
    const cartId: string = created.body.cart.id
    expect((await api(`/store/carts/${cartId}/line-items`, { body: { variant_id: variantId, quantity: 2 }, token: shopper.token })).status).toBe(200)
    const address = { first_name: "Rita", last_name: "Reward", address_1: "Hauptstr. 1", city: "Berlin", postal_code: "10115", country_code: "de" }
    expect((await api(`/store/carts/${cartId}`, { body: { shipping_address: address }, token: shopper.token })).status).toBe(200)
    const options = await api(`/store/shipping-options/${cartId}`)
    expect((await api(`/store/carts/${cartId}/shipping-methods`, { body: { option_id: options.body.shipping_options[0].id }, token: shopper.token })).status).toBe(200)
    const applied = await api(`/store/carts/${cartId}/loyalty-rewards`, { body: { reward_id: reward.body.reward.id }, token: shopper.token })
    expect(applied.status, applied.text).toBe(200)
    expect((await api(`/store/carts/${cartId}/payment-sessions`, { method: "POST", token: shopper.token })).status).toBe(200)
    expect((await api(`/store/carts/${cartId}/payment-session`, { body: { provider_id: "manual" }, token: shopper.token })).status).toBe(200)
    const [row] = await sql(`SELECT account_id FROM loyalty_cart_reward WHERE cart_id = $1`, [cartId])
    const accountId = String(row.account_id)
    const redeems = async () => (await sql(`SELECT amount FROM ledger_transaction WHERE account_id = $1 AND type = 'redeem'`, [accountId])).map((r) => Number(r.amount))

    const name = `test_refuse_${accountId.replace(/[^a-zA-Z0-9]/g, "").toLowerCase()}`
    await sql(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'test: debits refused'; END $$`)
    await sql(`CREATE TRIGGER ${name} BEFORE INSERT ON ledger_transaction FOR EACH ROW WHEN (NEW.account_id = '${accountId}' AND NEW.type = 'redeem') EXECUTE FUNCTION ${name}()`)
    try {
      const completed = await api(`/store/carts/${cartId}/complete`, { method: "POST", token: shopper.token })
      expect(completed.status, completed.text).toBe(200)
      expect(completed.body.type).toBe("order")
      const orderId: string = completed.body.data.id
      expect(await redeems()).toEqual([])
      // The order still earns its points (the order.placed subscriber does not stop at the failed settlement).
      await expect
        .poll(async () => (await sql(`SELECT 1 FROM ledger_transaction WHERE idempotency_key = $1`, [`loyalty:earn:order:${orderId}`])).length, {
          timeout: 20_000,
          interval: 200,
        })
        .toBe(1)

      const later = new Date(Date.now() + 5 * 60_000).toISOString()
      const stillFailing = await adminApi("/admin/jobs/schedules/ledger.checkout-settlements/run", { body: { now: later } })
      expect(stillFailing.body.run.result.failed).toContain(orderId)
      // The repair job uses up its attempts: only the reconciliation is left to settle it.
      await expect
        .poll(async () => (await adminApi("/admin/jobs/failed")).body.jobs.some((j: { queue: string; key: string }) => j.queue === "settlement" && j.key === orderId), {
          timeout: 30_000,
          interval: 300,
        })
        .toBe(true)

      await sql(`DROP TRIGGER IF EXISTS ${name} ON ledger_transaction`)
      const repaired = await adminApi("/admin/jobs/schedules/ledger.checkout-settlements/run", { body: { now: later } })
      expect(repaired.body.run.result.repaired).toContain(orderId)
      expect(await redeems()).toEqual([-200])
      const again = await adminApi("/admin/jobs/schedules/ledger.checkout-settlements/run", { body: { now: later } })
      expect(again.body.run.result.repaired).not.toContain(orderId)
      expect(await redeems()).toEqual([-200])
    } finally {
      await sql(`DROP TRIGGER IF EXISTS ${name} ON ledger_transaction`)
      await sql(`DROP FUNCTION IF EXISTS ${name}()`)
    }
  }, 90_000)
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
