/**
 * Loyalty over HTTP against the running server: customers registered at the
 * till get a card, earn points per receipt once, redeem rewards without ever
 * overdrawing; web orders of members earn on the paid amount and a
 * cancellation takes the points back once; birthday mails go out once a year.
 */
import { randomUUID } from "crypto"

import { beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi, adminToken, api } from "../support/api"
import { eventually } from "../support/eventually"
import { uniqueAddress, waitForMail } from "../support/mail"
import { pdfText } from "../support/pdf"
import { createTerminal, posApi } from "../support/pos"

let till: string
let locationId: string

beforeAll(async () => {
  const created = await createTerminal({ scopes: ["loyalty"] })
  till = created.key
  locationId = created.location.id
  // This location's own rate (1 point per euro, rounded down): other files' settings cannot move our numbers.
  const current = (await adminApi("/admin/loyalty/settings")).body.settings
  const saved = await adminApi("/admin/loyalty/settings", {
    body: { location_rates: { ...current.location_rates, [locationId]: { points_per_unit: 1, unit_minor: 100 } } },
  })
  expect(saved.status, saved.text).toBe(200)
})

type Registered = { customer: { id: string; email: string | null; marketing_consent: boolean }; card: { code: string; status: string } }

async function register(body: Record<string, unknown> = {}): Promise<Registered> {
  const res = await posApi<Registered>("/store/pos/customers", { key: till, body: { first_name: "Lia", last_name: `Loyal ${randomUUID().slice(0, 6)}`, ...body } })
  expect(res.status, res.text).toBe(201)
  return res.body
}

async function pointsOf(code: string): Promise<number> {
  const res = await posApi(`/store/pos/customers/${encodeURIComponent(code)}`, { key: till })
  expect(res.status, res.text).toBe(200)
  return res.body.points
}

async function grant(customerId: string, points: number): Promise<void> {
  const res = await adminApi(`/admin/loyalty/customers/${customerId}/adjust`, { body: { points, reason: "test grant" } })
  expect(res.status, res.text).toBe(200)
}

async function reward(points: number): Promise<{ id: string; title: string; points: number }> {
  const res = await adminApi("/admin/loyalty/rewards", {
    body: { title: `Coffee ${randomUUID().slice(0, 6)}`, points, kind: "discount", discount_amount: 350, currency_code: "eur" },
  })
  expect(res.status, res.text).toBe(201)
  return res.body.reward
}

describe("customers and cards at the till", () => {
  it("registers a customer with a generated card that the till then scans", async () => {
    const email = uniqueAddress("lia")
    const { customer, card } = await register({ email, phone: "+49 30 1234567", birthday: "1990-05-17" })
    expect(customer).toEqual(expect.objectContaining({ email, birthday: "1990-05-17", phone: "+49 30 1234567" }))
    expect(card).toEqual(expect.objectContaining({ kind: "customer_card", status: "active", customer_id: customer.id }))

    const scanned = await posApi(`/store/pos/customers/${card.code.toLowerCase().replace(/-/g, " ")}`, { key: till })
    expect(scanned.status, scanned.text).toBe(200)
    expect(scanned.body).toEqual(expect.objectContaining({ customer: expect.objectContaining({ id: customer.id }), points: 0, visits: [] }))

    // A search by e-mail finds them, without the birthday and without the card's code (issue 20: a lookup, not a listing).
    const found = await posApi(`/store/pos/customers?q=${encodeURIComponent(email)}`, { key: till })
    expect(found.status, found.text).toBe(200)
    expect(found.body.customers).toEqual([expect.objectContaining({ id: customer.id, points: 0, cards: [] })])
    expect(found.text).not.toContain(card.code)
  })

  it("binds a scanned RFID UID and keeps a missing e-mail out of every answer", async () => {
    const uid = `04${randomUUID().replace(/-/g, "").slice(0, 12).toUpperCase()}`
    const { customer, card } = await register({ card_code: uid })
    expect(card.code).toBe(uid)
    expect(customer.email).toBeNull()
    const scanned = await posApi(`/store/pos/customers/${uid}`, { key: till })
    expect(scanned.body.customer.id).toBe(customer.id)
    // The code is taken now.
    const again = await posApi("/store/pos/customers", { key: till, body: { first_name: "Max", last_name: "Other", card_code: uid } })
    expect(again.status).toBe(409)
    expect(again.body.type).toBe("code_taken")
  })

  it("activates a pre-printed customer card for the customer registered with it, once", async () => {
    const printed = `LC-${randomUUID().slice(0, 8).toUpperCase()}`
    const batch = await adminApi("/admin/loyalty/cards", { body: { codes: [printed] } })
    expect(batch.status, batch.text).toBe(201)
    expect(batch.body.cards).toEqual([expect.objectContaining({ code: printed, status: "inactive", customer_id: null })])
    // Lying in the drawer, it cannot be used.
    const unused = await posApi(`/store/pos/loyalty/${printed}/earn`, { key: till, body: { amount: 1000, currency_code: "eur", reference: "r1" } })
    expect(unused.status).toBe(409)
    expect(unused.body.type).toBe("card_inactive")

    const [a, b] = await Promise.all([
      posApi("/store/pos/customers", { key: till, body: { first_name: "Pre", last_name: "Printed", card_code: printed.toLowerCase() } }),
      posApi("/store/pos/customers", { key: till, body: { first_name: "Other", last_name: "Till", card_code: printed } }),
    ])
    const statuses = [a.status, b.status].sort()
    expect(statuses).toEqual([201, 409])
    const winner = a.status === 201 ? a : b
    expect(winner.body.card).toEqual(expect.objectContaining({ code: printed, status: "active", customer_id: winner.body.customer.id }))
    expect((await posApi(`/store/pos/customers/${printed}`, { key: till })).body.customer.id).toBe(winner.body.customer.id)
  })

  it("refuses bad input with 400 and registers nobody", async () => {
    const email = uniqueAddress("bad")
    for (const body of [
      { first_name: "A", email },
      { first_name: "A", last_name: "B", email, birthday: "1990-02-30" },
      { first_name: "A", last_name: "B", email, card_code: "" },
      { first_name: "A", last_name: "B", email, extra: 1 },
    ]) {
      const res = await posApi("/store/pos/customers", { key: till, body })
      expect(res.status, res.text).toBe(400)
      expect(res.body).toEqual({ type: "invalid_request", message: expect.any(String) })
    }
    // Nobody was registered: the till's search finds nothing (404 since issue 20).
    const found = await posApi(`/store/pos/customers?q=${encodeURIComponent(email)}`, { key: till })
    expect(found.status).toBe(404)
  })

  it("answers 404 for an unknown card", async () => {
    const res = await posApi(`/store/pos/customers/NOPE${randomUUID().slice(0, 8)}`, { key: till })
    expect(res.status).toBe(404)
  })
})

describe("customers and cards in the back office", () => {
  it("registers a customer in the admin with a card the till then scans", async () => {
    const created = await adminApi("/admin/loyalty/customers", { body: { first_name: "Ada", last_name: `Office ${randomUUID().slice(0, 6)}`, birthday: "1979-05-02" } })
    expect(created.status, created.text).toBe(201)
    const scanned = await posApi(`/store/pos/customers/${encodeURIComponent(created.body.card.code)}`, { key: till })
    expect(scanned.status, scanned.text).toBe(200)
    expect(scanned.body.customer).toEqual(expect.objectContaining({ id: created.body.customer.id, birthday: "1979-05-02", email: null }))
    const bad = await adminApi("/admin/loyalty/customers", { body: { first_name: "Ada" } })
    expect(bad.status).toBe(400)
  })

  it("gives an existing customer a scanned card, and replaces a lost one keeping the points", async () => {
    const { customer, card } = await register()
    await grant(customer.id, 70)
    const rfid = `RFID-${randomUUID().slice(0, 8)}`
    const second = await adminApi(`/admin/loyalty/customers/${customer.id}/cards`, { body: { card_code: rfid } })
    expect(second.status, second.text).toBe(201)
    expect(await pointsOf(rfid)).toBe(70)
    // The same code again is taken.
    const taken = await adminApi(`/admin/loyalty/customers/${customer.id}/cards`, { body: { card_code: rfid } })
    expect(taken.status).toBe(409)

    const replaced = await adminApi(`/admin/loyalty/customers/${customer.id}/cards/${encodeURIComponent(card.code)}/replace`, { body: {} })
    expect(replaced.status, replaced.text).toBe(200)
    expect(replaced.body.replaced.status).toBe("blocked")
    expect(await pointsOf(replaced.body.card.code)).toBe(70)
    const lost = await posApi(`/store/pos/loyalty/${encodeURIComponent(card.code)}/earn`, { key: till, body: { amount: 1000, currency_code: "eur", reference: "lost" } })
    expect(lost.status).toBe(409)
    expect(lost.body.type).toBe("card_blocked")
    // Somebody else's card cannot be replaced through this customer.
    const other = await register()
    const foreign = await adminApi(`/admin/loyalty/customers/${customer.id}/cards/${encodeURIComponent(other.card.code)}/replace`, { body: {} })
    expect(foreign.status).toBe(404)
    expect(await pointsOf(replaced.body.card.code)).toBe(70)
  })
})

describe("earning at the till", () => {
  it("awards points per euro rounded down, and a receipt reported twice awards once", async () => {
    const { card } = await register()
    const reference = `R-${randomUUID().slice(0, 8)}`
    const first = await posApi(`/store/pos/loyalty/${card.code}/earn`, { key: till, body: { amount: 2399, currency_code: "EUR", reference } })
    expect(first.status, first.text).toBe(200)
    expect(first.body).toEqual(expect.objectContaining({ points_earned: 23, points: 23 }))

    // The till retries with a new Idempotency-Key: the same receipt earns nothing more.
    const repeated = await posApi(`/store/pos/loyalty/${card.code}/earn`, { key: till, body: { amount: 2399, currency_code: "EUR", reference } })
    expect(repeated.status, repeated.text).toBe(200)
    expect(repeated.body).toEqual(expect.objectContaining({ points_earned: 23, points: 23 }))
    expect(await pointsOf(card.code)).toBe(23)

    const scanned = await posApi(`/store/pos/customers/${card.code}`, { key: till })
    expect(scanned.body.visits).toEqual([expect.objectContaining({ source: "pos", reference, amount_minor: 2399, points_earned: 23 })])
  })

  it("multiplies the points in a campaign running at this till, and not after it or at other tills", async () => {
    const settings = (await adminApi("/admin/loyalty/settings")).body.settings
    const hour = 3_600_000
    const campaigns = [
      ...settings.campaigns,
      { name: "Double here", multiplier_percent: 200, starts_at: new Date(Date.now() - hour).toISOString(), ends_at: new Date(Date.now() + hour).toISOString(), location_ids: [locationId] },
      { name: "Over", multiplier_percent: 500, starts_at: new Date(Date.now() - 3 * hour).toISOString(), ends_at: new Date(Date.now() - 2 * hour).toISOString(), location_ids: [locationId] },
      { name: "Elsewhere", multiplier_percent: 400, starts_at: new Date(Date.now() - hour).toISOString(), ends_at: new Date(Date.now() + hour).toISOString(), location_ids: ["loc_elsewhere"] },
    ]
    for (const bad of [
      [{ ...campaigns.at(-3), multiplier_percent: 100 }],
      [{ ...campaigns.at(-3), ends_at: campaigns.at(-3).starts_at }],
      [{ ...campaigns.at(-3), starts_at: "soon" }],
    ]) {
      const refused = await adminApi("/admin/loyalty/settings", { body: { campaigns: bad } })
      expect(refused.status, refused.text).toBe(400)
    }
    expect((await adminApi("/admin/loyalty/settings")).body.settings.campaigns).toEqual(settings.campaigns)
    expect((await adminApi("/admin/loyalty/settings", { body: { campaigns } })).status).toBe(200)
    try {
      const { card } = await register()
      const earned = await posApi(`/store/pos/loyalty/${card.code}/earn`, { key: till, body: { amount: 2399, currency_code: "eur", reference: `R-${randomUUID().slice(0, 8)}` } })
      expect(earned.status, earned.text).toBe(200)
      expect(earned.body.points_earned).toBe(46)
    } finally {
      await adminApi("/admin/loyalty/settings", { body: { campaigns: settings.campaigns } })
    }
  })

  it("finds the card however it was read, and refuses unknown, mistyped and other kinds of codes writing nothing", async () => {
    const { customer, card } = await register()
    const rfid = `RFID-${randomUUID().slice(0, 8)}`
    expect((await adminApi(`/admin/loyalty/customers/${customer.id}/cards`, { body: { card_code: rfid } })).status).toBe(201)
    const earn = (code: string, reference: string) =>
      posApi(`/store/pos/loyalty/${encodeURIComponent(code)}/earn`, { key: till, body: { amount: 1000, currency_code: "eur", reference } })
    // Lower case with spaces, Crockford's misreadings (O for 0, I for 1), a second identifier: the same account.
    const plain = card.code.replace(/-/g, "")
    const readings = [card.code, card.code.toLowerCase().replace(/-/g, " "), plain.replace(/0/g, "O").replace(/1/g, "I"), rfid.toLowerCase()]
    for (const [i, code] of readings.entries()) {
      const res = await earn(code, `read-${i}`)
      expect(res.status, `${code}: ${res.text}`).toBe(200)
      expect(res.body.points).toBe(10 * (i + 1))
    }

    let i = 0
    while (plain[i] === plain[i + 1]) i++
    const swapped = plain.slice(0, i) + plain[i + 1] + plain[i] + plain.slice(i + 2)
    const voucherTill = await createTerminal({ scopes: ["gift_card"] })
    const voucher = await posApi("/store/pos/gift-cards", { key: voucherTill.key, body: { amount: 1000, currency_code: "eur" } })
    expect(voucher.status, voucher.text).toBe(201)
    for (const [code, status, type] of [
      [`NOPE${randomUUID().slice(0, 8)}`, 404, "not_found"],
      [swapped, 400, "invalid_code"],
      [voucher.body.gift_card.code, 422, "wrong_card_kind"],
      ["x".repeat(200), 404, "not_found"],
    ] as const) {
      const res = await earn(code, `refused-${type}`)
      expect(res.status, `${code}: ${res.text}`).toBe(status)
      expect(res.body.type).toBe(type)
    }
    const scanned = await posApi(`/store/pos/customers/${card.code}`, { key: till })
    expect(scanned.body.points).toBe(40)
    expect(scanned.body.visits.map((v: { reference: string }) => v.reference).sort()).toEqual(["read-0", "read-1", "read-2", "read-3"])
  })

  it("refuses bad input with 400 and changes nothing", async () => {
    const { card } = await register()
    for (const body of [
      { amount: -5, currency_code: "eur", reference: "x" },
      { amount: 12.5, currency_code: "eur", reference: "x" },
      { amount: 1000, currency_code: "euro", reference: "x" },
      { amount: 1000, currency_code: "eur" },
    ]) {
      const res = await posApi(`/store/pos/loyalty/${card.code}/earn`, { key: till, body })
      expect(res.status, res.text).toBe(400)
      expect(res.body.type).toBe("invalid_request")
    }
    expect(await pointsOf(card.code)).toBe(0)
  })

  it("earns nothing on a receipt's lines of excluded products or categories, and shares the paid amount over the rest", async () => {
    const products = await adminApi("/admin/products?handle=kaesekuchen&expand=variants")
    const cake = products.body.products[0]
    const sku = cake.variants[0].sku ?? "KAESEKUCHEN-1"
    if (!cake.variants[0].sku) {
      const named = await adminApi(`/admin/products/${cake.id}/variants/${cake.variants[0].id}`, { body: { sku } })
      expect(named.status, named.text).toBe(200)
    }
    const settings = (await adminApi("/admin/loyalty/settings")).body.settings
    expect(
      (await adminApi("/admin/loyalty/settings", { body: { excluded_product_ids: [cake.id], excluded_category_ids: ["pcat_tobacco"] } })).status
    ).toBe(200)
    try {
      const { card } = await register()
      // 10.00 of goods, 4.00 of cake (by SKU or variant) and 6.00 of tobacco (by the till's category) excluded; 18.00 paid after a 2.00 receipt discount.
      const lines = [
        { amount: 1000, sku: "TILL-ONLY-ARTICLE" },
        { amount: 100, variant_id: cake.variants[0].id },
        { amount: 100, product_id: cake.id },
        { amount: 200, sku },
        { amount: 600, category_id: "pcat_tobacco" },
      ]
      const reference = `R-${randomUUID().slice(0, 8)}`
      const earned = await posApi(`/store/pos/loyalty/${card.code}/earn`, { key: till, body: { amount: 1800, currency_code: "eur", reference, lines } })
      expect(earned.status, earned.text).toBe(200)
      expect(earned.body).toEqual(expect.objectContaining({ eligible_amount: 900, points_earned: 9, points: 9 }))

      for (const bad of [[], [{ amount: -1 }], [{ amount: 100, colour: "red" }], [{ amount: 1.5 }]]) {
        const res = await posApi(`/store/pos/loyalty/${card.code}/earn`, { key: till, body: { amount: 100, currency_code: "eur", reference: "bad", lines: bad } })
        expect(res.status, res.text).toBe(400)
      }
      expect(await pointsOf(card.code)).toBe(9)
    } finally {
      await adminApi("/admin/loyalty/settings", {
        body: { excluded_product_ids: settings.excluded_product_ids, excluded_category_ids: settings.excluded_category_ids },
      })
    }
  })

  it("refuses a top-up terminal's key with 403 on every loyalty route", async () => {
    const topUp = (await createTerminal({ scopes: ["prepaid_topup"] })).key
    const { card, customer } = await register()
    const calls = [
      posApi("/store/pos/customers", { key: topUp, body: { first_name: "A", last_name: "B" } }),
      posApi(`/store/pos/customers/${card.code}`, { key: topUp }),
      posApi(`/store/pos/loyalty/${card.code}/earn`, { key: topUp, body: { amount: 1000, currency_code: "eur", reference: "r" } }),
      posApi("/store/pos/loyalty/rewards", { key: topUp }),
      posApi(`/store/pos/loyalty/${card.code}/redeem`, { key: topUp, body: { reward_id: "lrew_x" } }),
    ]
    for (const res of await Promise.all(calls)) {
      expect(res.status, res.text).toBe(403)
      expect(res.body.type).toBe("forbidden")
    }
    expect(await pointsOf(card.code)).toBe(0)
    expect(customer.id).toBeTruthy()
  })
})

describe("rewards", () => {
  it("lists offered rewards and redeems one for points", async () => {
    const { card, customer } = await register()
    await grant(customer.id, 300)
    const coffee = await reward(120)
    const list = await posApi("/store/pos/loyalty/rewards", { key: till })
    expect(list.status, list.text).toBe(200)
    expect(list.body.rewards).toEqual(expect.arrayContaining([expect.objectContaining({ id: coffee.id, title: coffee.title, points: 120 })]))

    const redeemed = await posApi(`/store/pos/loyalty/${card.code}/redeem`, { key: till, body: { reward_id: coffee.id } })
    expect(redeemed.status, redeemed.text).toBe(200)
    expect(redeemed.body).toEqual(expect.objectContaining({ points: 180, transaction: expect.objectContaining({ type: "redeem", amount: -120 }) }))

    const twoMore = await posApi(`/store/pos/loyalty/${card.code}/redeem`, { key: till, body: { reward_id: coffee.id } })
    expect(twoMore.status).toBe(200)
    const refused = await posApi(`/store/pos/loyalty/${card.code}/redeem`, { key: till, body: { reward_id: coffee.id } })
    expect(refused.status).toBe(409)
    expect(refused.body.type).toBe("insufficient_points")
    expect(await pointsOf(card.code)).toBe(60)
  })

  it("lets exactly ten of twenty parallel 100-point redemptions through on 1000 points", async () => {
    const { card, customer } = await register()
    await grant(customer.id, 1000)
    const r = await reward(100)
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => posApi(`/store/pos/loyalty/${card.code}/redeem`, { key: till, body: { reward_id: r.id } }))
    )
    const ok = answers.filter((a) => a.status === 200)
    const refused = answers.filter((a) => a.status === 409)
    expect(ok).toHaveLength(10)
    expect(refused).toHaveLength(10)
    expect(refused.every((a) => a.body.type === "insufficient_points")).toBe(true)
    expect(await pointsOf(card.code)).toBe(0)
    const history = await adminApi(`/admin/loyalty/customers/${customer.id}?limit=100`)
    expect(history.body.transactions.filter((t: { type: string }) => t.type === "redeem")).toHaveLength(10)
  })

  it("gives the points back when the till reverses a redemption, once, and shows them on the scan-anything route", async () => {
    const { card, customer } = await register()
    await grant(customer.id, 200)
    const r = await reward(150)
    const redeemed = await posApi(`/store/pos/loyalty/${card.code}/redeem`, { key: till, body: { reward_id: r.id } })
    expect(redeemed.status, redeemed.text).toBe(200)
    const id = redeemed.body.transaction.id
    const first = await posApi(`/store/pos/transactions/${id}/reverse`, { key: till, body: {} })
    expect(first.status, first.text).toBe(200)
    const second = await posApi(`/store/pos/transactions/${id}/reverse`, { key: till, body: {} })
    expect(second.status, second.text).toBe(200)
    expect(second.body.transaction.id).toBe(first.body.transaction.id)
    const scanned = await posApi(`/store/pos/cards/${card.code}`, { key: till })
    expect(scanned.status, scanned.text).toBe(200)
    expect(scanned.body.card).toEqual(
      expect.objectContaining({ kind: "customer_card", customer_id: customer.id, accounts: [expect.objectContaining({ kind: "points", balance: 200, currency_code: "pts" })] })
    )
  })

  it("refuses a reward above the per-sale redemption cap with 422 and takes nothing", async () => {
    const { card, customer } = await register()
    await grant(customer.id, 500)
    const big = await reward(300)
    const settings = (await adminApi("/admin/loyalty/settings")).body.settings
    expect((await adminApi("/admin/loyalty/settings", { body: { redemption_cap_points: 200 } })).status).toBe(200)
    try {
      const refused = await posApi(`/store/pos/loyalty/${card.code}/redeem`, { key: till, body: { reward_id: big.id } })
      expect(refused.status).toBe(422)
      expect(refused.body.type).toBe("redemption_cap_exceeded")
      expect(await pointsOf(card.code)).toBe(500)
    } finally {
      await adminApi("/admin/loyalty/settings", { body: { redemption_cap_points: settings.redemption_cap_points } })
    }
  })

  it("counts every reward redeemed on one receipt against the per-sale cap, and a reversed one no more", async () => {
    const { card, customer } = await register()
    await grant(customer.id, 1000)
    const small = await reward(120)
    const settings = (await adminApi("/admin/loyalty/settings")).body.settings
    expect((await adminApi("/admin/loyalty/settings", { body: { redemption_cap_points: 250 } })).status).toBe(200)
    try {
      const receipt = `R-${randomUUID().slice(0, 8)}`
      const redeem = (reference?: string) =>
        posApi(`/store/pos/loyalty/${card.code}/redeem`, { key: till, body: { reward_id: small.id, ...(reference ? { reference } : {}) } })
      const first = await redeem(receipt)
      expect(first.status, first.text).toBe(200)
      expect((await redeem(receipt)).status).toBe(200)
      const third = await redeem(receipt)
      expect(third.status, third.text).toBe(422)
      expect(third.body.type).toBe("redemption_cap_exceeded")
      expect(await pointsOf(card.code)).toBe(1000 - 240)
      // Another receipt has its own cap; a reversed redemption frees its points on the first.
      expect((await redeem(`R-${randomUUID().slice(0, 8)}`)).status).toBe(200)
      expect((await posApi(`/store/pos/transactions/${first.body.transaction.id}/reverse`, { key: till, method: "POST" })).status).toBe(200)
      expect((await redeem(receipt)).status).toBe(200)
      expect(await pointsOf(card.code)).toBe(1000 - 360)
    } finally {
      await adminApi("/admin/loyalty/settings", { body: { redemption_cap_points: settings.redemption_cap_points } })
    }
  })

  it("refuses an unknown reward with 404 and a deduction below zero with 409", async () => {
    const { card, customer } = await register()
    const unknown = await posApi(`/store/pos/loyalty/${card.code}/redeem`, { key: till, body: { reward_id: "lrew_unknown" } })
    expect(unknown.status).toBe(404)
    const deduct = await adminApi(`/admin/loyalty/customers/${customer.id}/adjust`, { body: { points: -5, reason: "correction" } })
    expect(deduct.status).toBe(409)
    expect(deduct.body.type).toBe("insufficient_points")
  })
})

describe("extra points for a customer group", () => {
  it("grants once per customer and campaign", async () => {
    const a = await register()
    const b = await register()
    const group = await adminApi("/admin/customer-groups", { body: { name: `Regulars ${randomUUID().slice(0, 6)}` } })
    expect(group.status, group.text).toBe(200)
    const groupId = group.body.customer_group.id
    const added = await adminApi(`/admin/customer-groups/${groupId}/customers/batch`, {
      body: { customer_ids: [{ id: a.customer.id }, { id: b.customer.id }] },
    })
    expect(added.status, added.text).toBe(200)
    const body = { points: 50, reason: "summer campaign", campaign: "summer" }
    const first = await adminApi(`/admin/loyalty/groups/${groupId}/grant`, { body })
    expect(first.status, first.text).toBe(200)
    expect(first.body).toEqual({ customers: 2, granted: 2 })
    const again = await adminApi(`/admin/loyalty/groups/${groupId}/grant`, { body })
    expect(again.body).toEqual({ customers: 2, granted: 0 })
    expect(await pointsOf(a.card.code)).toBe(50)
    expect(await pointsOf(b.card.code)).toBe(50)
  })
})

// ── Online ────────────────────────────────────────────────────────────────

let regionId: string
let variantId: string
let productId: string

type Shopper = { id: string; email: string; token: string }

async function signUp(): Promise<Shopper> {
  const email = uniqueAddress("shopper")
  const password = "secret-password"
  const created = await api("/store/customers", { body: { first_name: "Ole", last_name: "Online", email, password } })
  expect(created.status, created.text).toBe(200)
  const token = await api("/store/auth/token", { body: { email, password } })
  expect(token.status, token.text).toBe(200)
  return { id: created.body.customer.id, email, token: token.body.access_token }
}

async function me(shopper: Shopper): Promise<{ cards: { code: string }[]; points: number; transactions: { type: string; amount: number }[] }> {
  const res = await api("/store/loyalty/me", { token: shopper.token })
  expect(res.status, res.text).toBe(200)
  return res.body
}

/** Places an order of `quantity` daily menus as the shopper, optionally paid partly by a gift voucher. */
async function order(shopper: Shopper, quantity: number, voucherCode?: string): Promise<{ id: string; items: { total: number }[]; total: number }> {
  const created = await api("/store/carts", { body: { region_id: regionId }, token: shopper.token })
  expect(created.status, created.text).toBe(200)
  const id = created.body.cart.id
  expect((await api(`/store/carts/${id}/line-items`, { body: { variant_id: variantId, quantity }, token: shopper.token })).status).toBe(200)
  const address = { first_name: "Ole", last_name: "Online", address_1: "Hauptstr. 1", city: "Berlin", postal_code: "10115", country_code: "de" }
  expect((await api(`/store/carts/${id}`, { body: { shipping_address: address }, token: shopper.token })).status).toBe(200)
  const options = await api(`/store/shipping-options/${id}`)
  expect((await api(`/store/carts/${id}/shipping-methods`, { body: { option_id: options.body.shipping_options[0].id }, token: shopper.token })).status).toBe(200)
  if (voucherCode) {
    const applied = await api(`/store/carts/${id}/vouchers`, { body: { code: voucherCode }, token: shopper.token })
    expect(applied.status, applied.text).toBe(200)
  }
  expect((await api(`/store/carts/${id}/payment-sessions`, { method: "POST", token: shopper.token })).status).toBe(200)
  expect((await api(`/store/carts/${id}/payment-session`, { body: { provider_id: "manual" }, token: shopper.token })).status).toBe(200)
  const done = await api(`/store/carts/${id}/complete`, { method: "POST", token: shopper.token })
  expect(done.status, done.text).toBe(200)
  expect(done.body.type).toBe("order")
  return done.body.data
}

describe("online", () => {
  beforeAll(async () => {
    const regions = await api("/store/regions")
    regionId = regions.body.regions.find((r: { currency_code: string }) => r.currency_code === "eur").id
    const products = await api("/store/products?handle=tagesmenue")
    variantId = products.body.products[0].variants[0].id
    productId = products.body.products[0].id
  })

  it("gives a customer who registers in the store a card number", async () => {
    const shopper = await signUp()
    const mine = await eventually(() => me(shopper), (m) => m.cards.length > 0)
    expect(mine.cards).toHaveLength(1)
    expect(mine.points).toBe(0)
    const scanned = await posApi(`/store/pos/customers/${mine.cards[0].code}`, { key: till })
    expect(scanned.body.customer.id).toBe(shopper.id)
  })

  it("earns on the paid amount after a voucher, and a cancellation takes the points back once", async () => {
    const shopper = await signUp()
    await eventually(() => me(shopper), (m) => m.cards.length > 0)
    const voucherTill = (await createTerminal({ scopes: ["gift_card"] })).key
    const voucher = await posApi("/store/pos/gift-cards", { key: voucherTill, body: { amount: 500, currency_code: "eur" } })
    expect(voucher.status, voucher.text).toBe(201)

    const placed = await order(shopper, 2, voucher.body.gift_card.code)
    const itemsTotal = placed.items.reduce((sum, i) => sum + i.total, 0)
    const expected = Math.floor((itemsTotal - 500) / 100)
    expect(expected).toBeGreaterThan(0)
    const earned = await eventually(() => me(shopper), (m) => m.points > 0)
    expect(earned.points).toBe(expected)

    const cancelled = await adminApi(`/admin/orders/${placed.id}/cancel`, { method: "POST" })
    expect(cancelled.status, cancelled.text).toBe(200)
    const after = await eventually(() => me(shopper), (m) => m.points === 0)
    expect(after.points).toBe(0)
    expect(after.transactions.filter((t) => t.type === "adjust")).toEqual([expect.objectContaining({ amount: -expected })])
    expect(after.transactions.filter((t) => t.type === "grant")).toEqual([expect.objectContaining({ amount: expected })])
  })

  it("takes back a refund's share of the points, once per refund", async () => {
    const shopper = await signUp()
    await eventually(() => me(shopper), (m) => m.cards.length > 0)
    const placed = await order(shopper, 2)
    const itemsTotal = placed.items.reduce((sum, i) => sum + i.total, 0)
    const earned = Math.floor(itemsTotal / 100)
    expect((await eventually(() => me(shopper), (m) => m.points > 0)).points).toBe(earned)

    expect((await adminApi(`/admin/orders/${placed.id}/capture`, { method: "POST" })).status).toBe(200)
    const refundAmount = Math.floor(itemsTotal / 2)
    const refunded = await adminApi(`/admin/orders/${placed.id}/refund`, { body: { amount: refundAmount, reason: "return" } })
    expect(refunded.status, refunded.text).toBe(200)
    const share = Math.floor((earned * refundAmount) / itemsTotal)
    const after = await eventually(() => me(shopper), (m) => m.points < earned)
    expect(after.points).toBe(earned - share)
    expect(after.transactions.filter((t) => t.type === "adjust")).toEqual([expect.objectContaining({ amount: -share })])
  })

  it("takes back the points of returned goods (a received return refunds without a refund event), and all of them when everything comes back", async () => {
    const shopper = await signUp()
    await eventually(() => me(shopper), (m) => m.cards.length > 0)
    const placed = (await order(shopper, 2)) as { id: string; items: { id: string; total: number }[]; total: number }
    const itemsTotal = placed.items.reduce((sum, i) => sum + i.total, 0)
    const earned = Math.floor(itemsTotal / 100)
    expect((await eventually(() => me(shopper), (m) => m.points > 0)).points).toBe(earned)
    expect((await adminApi(`/admin/orders/${placed.id}/capture`, { method: "POST" })).status).toBe(200)

    // As in the admin: the return is requested, then received with its refund.
    const returnOne = async (refund: number) => {
      const requested = await adminApi(`/admin/orders/${placed.id}/return`, { body: { items: [{ item_id: placed.items[0].id, quantity: 1 }] } })
      expect(requested.status, requested.text).toBe(200)
      const open = (requested.body.order.returns as { id: string; status: string }[]).find((r) => r.status === "requested")!
      const received = await adminApi(`/admin/returns/${open.id}/receive`, { body: { items: [{ item_id: placed.items[0].id, quantity: 1 }], refund } })
      expect(received.status, received.text).toBe(200)
    }

    // One of the two menus comes back and is refunded on receipt.
    const half = Math.floor(itemsTotal / 2)
    await returnOne(half)
    const afterFirst = await eventually(() => me(shopper), (m) => m.points < earned)
    const firstShare = Math.floor((earned * half) / itemsTotal)
    expect(afterFirst.points).toBe(earned - firstShare)

    // The other one too, with the shipping: the order is refunded in full and every point goes.
    const rest = (await adminApi(`/admin/orders/${placed.id}`)).body.order.refundable_amount
    await returnOne(rest)
    const afterAll = await eventually(() => me(shopper), (m) => m.points === 0)
    expect(afterAll.points).toBe(0)
    expect(afterAll.transactions.filter((t) => t.type === "adjust").map((t) => t.amount)).toEqual(
      expect.arrayContaining([-firstShare, -(earned - firstShare)])
    )
  })

  it("earns nothing on excluded products", async () => {
    const shopper = await signUp()
    await eventually(() => me(shopper), (m) => m.cards.length > 0)
    const settings = (await adminApi("/admin/loyalty/settings")).body.settings
    expect((await adminApi("/admin/loyalty/settings", { body: { excluded_product_ids: [productId] } })).status).toBe(200)
    try {
      const placed = await order(shopper, 1)
      const visitOf = async () => {
        const overview = await adminApi(`/admin/loyalty/customers/${shopper.id}`)
        return (overview.body.visits as { order_id: string; points_earned: number }[]).find((v) => v.order_id === placed.id)
      }
      // The order was handled (with the exclusion in force) once its visit is recorded.
      expect(await eventually(visitOf, (v) => v !== undefined)).toEqual(expect.objectContaining({ points_earned: 0 }))
      await adminApi("/admin/loyalty/settings", { body: { excluded_product_ids: settings.excluded_product_ids } })
      const second = await order(shopper, 1)
      const secondTotal = second.items.reduce((sum, i) => sum + i.total, 0)
      const mine = await eventually(() => me(shopper), (m) => m.points > 0)
      expect(mine.points).toBe(Math.floor(secondTotal / 100))
    } finally {
      await adminApi("/admin/loyalty/settings", { body: { excluded_product_ids: settings.excluded_product_ids } })
    }
  })

  it("refuses the customer's own view without a sign-in", async () => {
    expect((await api("/store/loyalty/me")).status).toBe(401)
  })
})

describe("birthdays", () => {
  it("lists upcoming birthdays and sends one birthday mail (with the letter) and the birthday points per customer and year", async () => {
    const email = uniqueAddress("birthday")
    const { customer, card } = await register({ email, birthday: "1988-03-15", marketing_consent: true })
    // Born the same day, without consent to marketing mails: the points, no mail.
    const quietEmail = uniqueAddress("birthday-quiet")
    const quiet = await register({ email: quietEmail, birthday: "1991-03-15" })
    expect(quiet.customer.marketing_consent).toBe(false)
    const settings = (await adminApi("/admin/loyalty/settings")).body.settings
    expect((await adminApi("/admin/loyalty/settings", { body: { birthday_points: 25 } })).status).toBe(200)

    const list = await adminApi(`/admin/loyalty/birthdays?days=3&location_id=${locationId}&from=2026-03-14T12:00:00Z`)
    expect(list.status, list.text).toBe(200)
    expect(list.body.time_zone).toBe("Europe/Berlin")
    expect(list.body.birthdays).toEqual(
      expect.arrayContaining([expect.objectContaining({ customer: expect.objectContaining({ id: customer.id }), date: "2026-03-15", age: 38 })])
    )

    const first = await adminApi("/admin/jobs/schedules/loyalty.birthdays/run", { body: { now: "2026-03-15T08:00:00Z" } })
    expect(first.status, first.text).toBe(200)
    expect(first.body.run.status).toBe("ok")
    const second = await adminApi("/admin/jobs/schedules/loyalty.birthdays/run", { body: { now: "2026-03-15T20:00:00Z" } })
    expect(second.body.run.status).toBe("ok")
    await adminApi("/admin/loyalty/settings", { body: { birthday_points: settings.birthday_points } })
    // The birthday points came once, with the mail; to the customer without consent too.
    expect(await pointsOf(card.code)).toBe(25)
    expect(await pointsOf(quiet.card.code)).toBe(25)
    expect(first.body.run.result.skipped_without_consent).toBeGreaterThanOrEqual(1)

    const mail = await waitForMail((m) => m.envelopeTo.includes(email))
    expect(mail.text).toContain("Lia")
    expect(mail.attachments.map((a) => a.filename)).toEqual(["birthday-letter.pdf"])
    expect(mail.text).toContain("25 Bonuspunkte")
    expect(mail.text).toMatch(/Keine solchen E-Mails mehr erhalten: http:\/\/\S+\/store\/loyalty\/unsubscribe\?customer_id=/)
    const outbox = await adminApi("/admin/jobs/mails?kind=birthday&limit=200")
    expect(outbox.status, outbox.text).toBe(200)
    const ours = outbox.body.mails.filter((m: { to: string }) => m.to === email)
    expect(ours).toHaveLength(1)
    expect(first.body.run.result.mails).toContain(ours[0].id)
    expect(second.body.run.result.mails).toContain(ours[0].id)
    expect(outbox.body.mails.filter((m: { to: string }) => m.to === quietEmail)).toHaveLength(0)
  })

  it("sends one greeting for a birthday in Europe/Berlin when the job runs around midnight on both sides of it", async () => {
    const email = uniqueAddress("midnight")
    const { customer } = await register({ email, birthday: "1990-03-21", marketing_consent: true })
    const settings = (await adminApi("/admin/loyalty/settings")).body.settings
    expect(settings.time_zone).toBe("Europe/Berlin")
    const run = async (now: string) => {
      const res = await adminApi("/admin/jobs/schedules/loyalty.birthdays/run", { body: { now } })
      expect(res.status, res.text).toBe(200)
      expect(res.body.run.status).toBe("ok")
      return res.body.run.result as { mails: string[] }
    }
    const ours = async () => (await adminApi("/admin/jobs/mails?kind=birthday&limit=200")).body.mails.filter((m: { to: string }) => m.to === email)
    // 20 March 23:59 in Berlin (CET, UTC+1): not yet.
    await run("2026-03-20T22:59:00Z")
    expect(await ours()).toHaveLength(0)
    // 21 March 00:00 and 00:01 in Berlin, and 23:59 the same local day: one greeting.
    await run("2026-03-20T23:00:00Z")
    await run("2026-03-20T23:01:00Z")
    await run("2026-03-21T22:59:00Z")
    expect(await ours()).toHaveLength(1)
    // 22 March 00:00 in Berlin: the birthday is over.
    const after = await run("2026-03-21T23:00:00Z")
    expect(await ours()).toHaveLength(1)
    expect(after.mails).not.toContain((await ours())[0].id)
    const greeted = await adminApi(`/admin/loyalty/birthdays?days=1&from=2026-03-20T23:30:00Z`)
    expect(greeted.body.birthdays.map((b: { customer: { id: string } }) => b.customer.id)).toContain(customer.id)
  })

  it("prints the letters of the coming days ahead of time, by default for those who get no mail, and the job keeps a letter for them", async () => {
    // A date no other test uses: 4 to 6 October 2026 in Berlin.
    const mailedName = `Mailed${randomUUID().slice(0, 4)}`
    const postedName = `Posted${randomUUID().slice(0, 4)}`
    const mailed = await register({ email: uniqueAddress("letter-mailed"), birthday: "1980-10-05", marketing_consent: true, last_name: mailedName })
    const posted = await register({ birthday: "1975-10-05", last_name: postedName })
    const from = "2026-10-03T12:00:00Z"
    const letters = async (query: string) => {
      const res = await fetch(`${inject("baseUrl")}/admin/loyalty/birthdays/letters?days=3&from=${from}${query}`, {
        headers: { authorization: `Bearer ${await adminToken()}` },
      })
      return { status: res.status, type: res.headers.get("content-type") ?? "", count: res.headers.get("x-letters"), body: Buffer.from(await res.arrayBuffer()) }
    }
    const withoutMail = await letters("")
    expect(withoutMail.status, withoutMail.body.toString()).toBe(200)
    expect(withoutMail.type).toBe("application/pdf")
    const text = await pdfText(withoutMail.body)
    expect(text).toContain(`Lia ${postedName}`)
    expect(text).not.toContain(mailedName)
    expect(text).toContain("05.10.2026")
    const all = await letters("&recipients=all")
    expect(all.status).toBe(200)
    const allText = await pdfText(all.body)
    expect(allText).toContain(mailedName)
    expect(allText).toContain(postedName)
    expect(Number(all.count)).toBeGreaterThan(Number(withoutMail.count))

    expect((await letters("&recipients=some")).status).toBe(400)
    const nobody = await fetch(`${inject("baseUrl")}/admin/loyalty/birthdays/letters?days=1&from=2026-10-20T12:00:00Z`, { headers: { authorization: `Bearer ${await adminToken()}` } })
    expect(nobody.status).toBe(404)
    expect(((await nobody.json()) as { type: string }).type).toBe("no_letters")

    // On the day the job mails the one and keeps the other's letter as a document.
    const run = await adminApi("/admin/jobs/schedules/loyalty.birthdays/run", { body: { now: "2026-10-05T07:00:00Z" } })
    expect(run.status, run.text).toBe(200)
    const result = run.body.run.result as { letters: string[]; mails: string[] }
    expect(result.letters.length).toBeGreaterThanOrEqual(1)
    const documents = await Promise.all(result.letters.map(async (id) => (await adminApi(`/admin/jobs/documents/${id}`)).body.document))
    const ours = documents.find((d: { key: string }) => d.key === `loyalty:birthday-letter:${posted.customer.id}:2026`)
    expect(ours).toBeTruthy()
    expect(documents.map((d: { key: string }) => d.key)).not.toContain(`loyalty:birthday-letter:${mailed.customer.id}:2026`)
    const again = await adminApi("/admin/jobs/schedules/loyalty.birthdays/run", { body: { now: "2026-10-05T18:00:00Z" } })
    expect(again.body.run.result.letters).toContain(ours.id)
  })

  it("runs the birthday job four times at the same moment without a run failing, and grants the points once", async () => {
    const settings = (await adminApi("/admin/loyalty/settings")).body.settings
    const born = await Promise.all([0, 1, 2, 3, 4, 5].map(() => register({ birthday: "1992-12-12" })))
    expect((await adminApi("/admin/loyalty/settings", { body: { birthday_points: 7 } })).status).toBe(200)
    try {
      const runs = await Promise.all(
        [0, 1, 2, 3].map(() => adminApi("/admin/jobs/schedules/loyalty.birthdays/run", { body: { now: "2026-12-12T10:00:00Z" } }))
      )
      for (const run of runs) {
        expect(run.status, run.text).toBe(200)
        expect(run.body.run.status, run.body.run.error).toBe("ok")
      }
    } finally {
      await adminApi("/admin/loyalty/settings", { body: { birthday_points: settings.birthday_points } })
    }
    for (const { card } of born) {
      expect(await pointsOf(card.code)).toBe(7)
    }
  })

  it("rejects a bad birthday query with 400", async () => {
    expect((await adminApi("/admin/loyalty/birthdays?days=0")).status).toBe(400)
  })
})

describe("purchase analysis and reactivation", () => {
  it("sums a customer's visits, revenue, average basket and first and last visit", async () => {
    const { card, customer } = await register()
    for (const [amount, reference] of [[1000, "A1"], [3001, "A2"]] as const) {
      const res = await posApi(`/store/pos/loyalty/${card.code}/earn`, { key: till, body: { amount, currency_code: "eur", reference: `${reference}-${customer.id}` } })
      expect(res.status, res.text).toBe(200)
    }
    let row: Record<string, unknown> | undefined
    for (let offset = 0; !row; offset += 200) {
      const res = await adminApi(`/admin/loyalty/analysis?limit=200&offset=${offset}`)
      expect(res.status, res.text).toBe(200)
      expect(offset).toBeLessThan(res.body.count)
      row = res.body.customers.find((c: { customer_id: string }) => c.customer_id === customer.id)
    }
    expect(row).toEqual(
      expect.objectContaining({ visits: 2, revenue_minor: 4001, average_basket_minor: 2000, currency_code: "eur", segment: expect.any(String) })
    )
    expect(new Date(row!.first_visit_at as string).getTime()).toBeLessThanOrEqual(new Date(row!.last_visit_at as string).getTime())
    expect((await adminApi("/admin/loyalty/analysis?segment=nope")).status).toBe(400)
  })

  it("lists absent customers as CSV and mails only those who consented, with a working unsubscribe link", async () => {
    const yes = await register({ email: uniqueAddress("react-yes") })
    const no = await register({ email: uniqueAddress("react-no") })
    for (const r of [yes, no]) {
      const earned = await posApi(`/store/pos/loyalty/${r.card.code}/earn`, { key: till, body: { amount: 1500, currency_code: "eur", reference: `V-${r.customer.id}` } })
      expect(earned.status, earned.text).toBe(200)
    }
    expect((await adminApi(`/admin/loyalty/customers/${yes.customer.id}/consent`, { body: { marketing_consent: true } })).status).toBe(200)

    // A year from now both have been absent for more than 90 days.
    const later = new Date(Date.now() + 365 * 86_400_000).toISOString()
    const csv = await adminApi(`/admin/loyalty/reactivation?inactive_days=90&now=${later}&format=csv`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get("content-type")).toContain("text/csv")
    expect(csv.text.split("\n")[0]).toContain("customer_id,first_name,last_name,email,marketing_consent")
    expect(csv.text).toContain(`${yes.customer.id},`)
    expect(csv.text).toContain(`${no.customer.id},`)
    // Today nobody of them is absent.
    const today = await adminApi("/admin/loyalty/reactivation?inactive_days=90")
    expect(today.body.customers.map((c: { customer_id: string }) => c.customer_id)).not.toContain(yes.customer.id)

    const campaign = `spring-${randomUUID().slice(0, 6)}`
    const sent = await adminApi("/admin/loyalty/reactivation/mail", { body: { inactive_days: 90, campaign, offer: "a free coffee", now: later } })
    expect(sent.status, sent.text).toBe(200)
    expect(sent.body.mailed).toContain(yes.customer.id)
    expect(sent.body.mailed).not.toContain(no.customer.id)

    const mail = await waitForMail((m) => m.envelopeTo.includes(yes.customer.email!))
    const link = /(http:\/\/\S+\/store\/loyalty\/unsubscribe\?\S+)/.exec(mail.text)?.[1]
    expect(link).toBeTruthy()
    // Mail programs offer the same link, in one click (RFC 8058).
    const list = mail.parsed.headers.get("list") as { unsubscribe?: { url?: string }; "unsubscribe-post"?: { name?: string } }
    expect(list.unsubscribe?.url).toBe(link)
    expect(list["unsubscribe-post"]?.name).toBe("List-Unsubscribe=One-Click")
    const url = new URL(link!)
    const path = `${url.pathname}${url.search}`
    expect((await api(`/store/loyalty/unsubscribe?customer_id=${encodeURIComponent(yes.customer.id)}&token=wrong`, { method: "POST" })).status).toBe(404)
    // Opening the link (as link scanners do) only shows the question; it unsubscribes nobody.
    const page = await api(path, { headers: { accept: "text/html" } })
    expect(page.status).toBe(200)
    expect(page.headers.get("content-type")).toContain("text/html")
    expect(page.text).toContain("<form method=\"post\"")
    expect((await adminApi(`/admin/loyalty/customers/${yes.customer.id}`)).body.customer.marketing_consent).toBe(true)
    const unsubscribed = await api(path, { method: "POST", headers: { accept: "application/json" } })
    expect(unsubscribed.status, unsubscribed.text).toBe(200)
    expect(unsubscribed.body).toEqual({ unsubscribed: true })
    expect((await adminApi(`/admin/loyalty/customers/${yes.customer.id}`)).body.customer.marketing_consent).toBe(false)

    const again = await adminApi("/admin/loyalty/reactivation/mail", { body: { inactive_days: 90, campaign: `${campaign}-2`, now: later } })
    expect(again.body.mailed).not.toContain(yes.customer.id)
  })
})

describe("points expiry", () => {
  it("announces points before they expire and expires what is left of them once, oldest first", async () => {
    const email = uniqueAddress("expiry")
    const { customer, card } = await register({ email })
    await grant(customer.id, 100)
    const deducted = await adminApi(`/admin/loyalty/customers/${customer.id}/adjust`, { body: { points: -30, reason: "correction" } })
    expect(deducted.status, deducted.text).toBe(200)
    const settings = (await adminApi("/admin/loyalty/settings")).body.settings
    expect((await adminApi("/admin/loyalty/settings", { body: { expiry_months: 12, expiry_notice_days: 30 } })).status).toBe(200)
    try {
      const day = 86_400_000
      const soon = await adminApi(`/admin/loyalty/customers/${customer.id}/expire`, { body: { now: new Date(Date.now() + 350 * day).toISOString() } })
      expect(soon.status, soon.text).toBe(200)
      expect(soon.body).toEqual({ expired: 0, announced: 70 })
      const notice = await waitForMail((m) => m.envelopeTo.includes(email))
      expect(notice.text).toContain("70")

      const later = new Date(Date.now() + 400 * day).toISOString()
      const expired = await adminApi(`/admin/loyalty/customers/${customer.id}/expire`, { body: { now: later } })
      expect(expired.body).toEqual(expect.objectContaining({ expired: 70 }))
      const again = await adminApi(`/admin/loyalty/customers/${customer.id}/expire`, { body: { now: later } })
      expect(again.body).toEqual(expect.objectContaining({ expired: 0 }))
      expect(await pointsOf(card.code)).toBe(0)
      const history = await adminApi(`/admin/loyalty/customers/${customer.id}`)
      expect(history.body.transactions.filter((t: { type: string }) => t.type === "expire")).toEqual([expect.objectContaining({ amount: -70 })])
    } finally {
      await adminApi("/admin/loyalty/settings", { body: { expiry_months: settings.expiry_months, expiry_notice_days: settings.expiry_notice_days } })
    }
  })
})
