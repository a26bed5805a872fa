/**
 * Prepaid cards over HTTP: issue, top-up and charge at the till, scopes of a
 * top-up terminal, the balance and the daily limit under concurrency,
 * pre-printed cards, blocking and replacing, the customer's own view, online
 * top-up through Medusa's checkout, the admin's CSV export and bad input.
 */
import { randomUUID } from "crypto"

import { beforeAll, describe, expect, it } from "vitest"

import { adminApi, api } from "../support/api"
import { signUp } from "../support/customers"
import { createTerminal, posApi } from "../support/pos"

type PrepaidCard = { id: string; code: string; balance: number; currency_code: string; customer_id: string | null; status: string }
type Transaction = {
  id: string
  type: string
  amount: number
  balance_after: number
  reference: string | null
  location_id: string | null
  terminal_id: string | null
  staff_id: string | null
  metadata: Record<string, unknown> | null
}

/** A till (issue and charge) and a top-up terminal at the same location, and a till elsewhere. */
let till: string
let topUpTerminal: string
let tillLocationId: string
let otherTill: string
let otherLocationId: string

beforeAll(async () => {
  const first = await createTerminal({ scopes: ["prepaid_charge", "prepaid_topup"] })
  till = first.key
  tillLocationId = first.location.id
  topUpTerminal = (await createTerminal({ scopes: ["prepaid_topup"], location_id: tillLocationId })).key
  const other = await createTerminal({ scopes: ["prepaid_charge", "prepaid_topup"] })
  otherTill = other.key
  otherLocationId = other.location.id
})

async function issue(body: Record<string, unknown> = {}, key = till): Promise<PrepaidCard> {
  const res = await posApi("/store/pos/prepaid-cards", { key, body: { currency_code: "EUR", ...body } })
  expect(res.status, res.text).toBe(201)
  return res.body.prepaid_card
}

function topUp(code: string, amount: unknown, opts: { key?: string; tender?: unknown; idempotencyKey?: string } = {}) {
  return posApi(`/store/pos/prepaid-cards/${encodeURIComponent(code)}/top-up`, {
    key: opts.key ?? till,
    body: { amount, tender: opts.tender ?? "cash" },
    idempotencyKey: opts.idempotencyKey,
  })
}

function charge(code: string, body: Record<string, unknown>, opts: { key?: string; idempotencyKey?: string } = {}) {
  return posApi(`/store/pos/prepaid-cards/${encodeURIComponent(code)}/charge`, {
    key: opts.key ?? till,
    body,
    idempotencyKey: opts.idempotencyKey,
  })
}

/** A card with `amount` on it. */
async function funded(amount: number): Promise<PrepaidCard> {
  const card = await issue()
  const res = await topUp(card.code, amount)
  expect(res.status, res.text).toBe(200)
  return res.body.prepaid_card
}

async function adminDetail(id: string): Promise<{ prepaid_card: PrepaidCard & { daily_limit: number | null }; transactions: Transaction[]; count: number }> {
  const res = await adminApi(`/admin/prepaid-cards/${id}?limit=200`)
  expect(res.status, res.text).toBe(200)
  return res.body
}

async function balanceOf(id: string): Promise<number> {
  return (await adminDetail(id)).prepaid_card.balance
}

async function setDailyLimit(id: string, daily_limit: number | null): Promise<void> {
  const res = await adminApi(`/admin/prepaid-cards/${id}`, { body: { daily_limit } })
  expect(res.status, res.text).toBe(200)
  expect(res.body.prepaid_card.daily_limit).toBe(daily_limit)
}

describe("issuing, topping up and charging at the till", () => {
  it("issues a card with a generated code and an empty balance", async () => {
    const card = await issue()
    expect(card).toEqual({
      id: expect.stringMatching(/^card_/),
      code: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      balance: 0,
      currency_code: "eur",
      customer_id: null,
      status: "active",
    })
  })

  it("issues a card under its RFID UID and finds it by any spelling of it", async () => {
    const uid = `04:A2:${randomUUID().slice(0, 8)}`.toUpperCase()
    const card = await issue({ code: uid })
    expect(card.code).toBe(uid)
    const res = await topUp(` ${uid.toLowerCase()} `, 500)
    expect(res.status, res.text).toBe(200)
    expect(res.body.prepaid_card.id).toBe(card.id)
  })

  it("tops up, charges at two locations and keeps one balance with a history attributed to location and terminal", async () => {
    const card = await issue()
    const loaded = await topUp(card.code, 5000, { tender: "card" })
    expect(loaded.status, loaded.text).toBe(200)
    expect(loaded.body.prepaid_card.balance).toBe(5000)
    expect(loaded.body.transaction).toEqual(
      expect.objectContaining({ type: "load", amount: 5000, balance_after: 5000, location_id: tillLocationId, metadata: { tender: "card" } })
    )

    const lunch = await charge(card.code, { amount: 730, reference: "receipt 17" })
    expect(lunch.status, lunch.text).toBe(200)
    expect(lunch.body.prepaid_card).toEqual(expect.objectContaining({ id: card.id, balance: 4270, currency_code: "eur" }))
    expect(lunch.body.transaction).toEqual(
      expect.objectContaining({ type: "charge", amount: -730, balance_after: 4270, reference: "receipt 17", location_id: tillLocationId })
    )
    const elsewhere = await charge(card.code, { amount: 270 }, { key: otherTill })
    expect(elsewhere.status, elsewhere.text).toBe(200)
    expect(elsewhere.body.transaction).toEqual(expect.objectContaining({ balance_after: 4000, location_id: otherLocationId }))

    const scanned = await posApi(`/store/pos/cards/${encodeURIComponent(card.code)}`, { key: till })
    expect(scanned.body.card).toEqual(
      expect.objectContaining({ kind: "prepaid_card", accounts: [expect.objectContaining({ kind: "prepaid_card", balance: 4000 })] })
    )

    const { transactions, count } = await adminDetail(card.id)
    expect(count).toBe(3)
    expect(transactions.map((t) => [t.type, t.amount, t.balance_after])).toEqual([
      ["charge", -270, 4000],
      ["charge", -730, 4270],
      ["load", 5000, 5000],
    ])
    expect(transactions.every((t) => t.terminal_id && t.location_id)).toBe(true)
  })

  it("records the staff member whose card came with the call", async () => {
    const staff = await adminApi("/admin/pos/staff", { body: { name: `Cashier ${randomUUID().slice(0, 6)}` } })
    expect(staff.status, staff.text).toBe(201)
    const uid = `STAFF${randomUUID().slice(0, 8)}`
    const added = await adminApi(`/admin/pos/staff/${staff.body.staff_member.id}/cards`, { body: { uid } })
    expect(added.status, added.text).toBe(201)
    const card = await funded(1000)
    const res = await posApi(`/store/pos/prepaid-cards/${card.code}/charge`, { key: till, body: { amount: 100 }, headers: { "x-staff-card": uid } })
    expect(res.status, res.text).toBe(200)
    expect(res.body.transaction.staff_id).toBe(staff.body.staff_member.id)
  })

  it("refuses a charge above the balance with 409 insufficient_balance and changes nothing", async () => {
    const card = await funded(500)
    const res = await charge(card.code, { amount: 501 })
    expect(res.status).toBe(409)
    expect(res.body).toEqual({ type: "insufficient_balance", message: expect.any(String) })
    expect(await balanceOf(card.id)).toBe(500)
  })

  it("issues a card linked to a customer", async () => {
    const customer = await signUp()
    const card = await issue({ customer_id: customer.id })
    expect(card.customer_id).toBe(customer.id)
  })

  it("refuses an unknown customer with 422", async () => {
    const res = await posApi("/store/pos/prepaid-cards", { key: till, body: { currency_code: "eur", customer_id: "cus_nope" } })
    expect(res.status).toBe(422)
    expect(res.body.type).toBe("unknown_customer")
  })
})

describe("scopes", () => {
  it("lets a top-up terminal top up but answers 403 to a charge and to issuing", async () => {
    const card = await issue()
    const loaded = await topUp(card.code, 2000, { key: topUpTerminal })
    expect(loaded.status, loaded.text).toBe(200)
    const charged = await charge(card.code, { amount: 100 }, { key: topUpTerminal })
    expect(charged.status).toBe(403)
    expect(charged.body.type).toBe("forbidden")
    const issued = await posApi("/store/pos/prepaid-cards", { key: topUpTerminal, body: { currency_code: "eur" } })
    expect(issued.status).toBe(403)
    expect(await balanceOf(card.id)).toBe(2000)
  })

  it("refuses a gift-card key", async () => {
    const { key } = await createTerminal({ scopes: ["gift_card"] })
    const card = await funded(100)
    expect((await topUp(card.code, 100, { key })).status).toBe(403)
    expect((await charge(card.code, { amount: 10 }, { key })).status).toBe(403)
  })

  it("refuses to charge a gift voucher as a prepaid card", async () => {
    const { key } = await createTerminal({ scopes: ["gift_card"] })
    const voucher = await posApi("/store/pos/gift-cards", { key, body: { amount: 1000, currency_code: "eur" } })
    const res = await charge(voucher.body.gift_card.code, { amount: 10 })
    expect(res.status).toBe(422)
    expect(res.body.type).toBe("wrong_card_kind")
  })
})

describe("concurrency", () => {
  it("lets exactly 10 of 30 parallel charges of 10 through on a card holding 100", async () => {
    const card = await funded(100)
    const results = await Promise.all(Array.from({ length: 30 }, () => charge(card.code, { amount: 10 })))
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(10)
    expect(statuses.filter((s) => s === 409)).toHaveLength(20)
    expect(results.filter((r) => r.status === 409).every((r) => r.body.type === "insufficient_balance")).toBe(true)
    const { prepaid_card, transactions, count } = await adminDetail(card.id)
    expect(prepaid_card.balance).toBe(0)
    expect(count).toBe(11)
    expect(transactions.reduce((sum, t) => sum + t.amount, 0)).toBe(0)
  })

  it("keeps the daily limit under 20 parallel charges: limit 1000, charges of 100 → exactly 10 succeed", async () => {
    const card = await funded(10_000)
    await setDailyLimit(card.id, 1000)
    const results = await Promise.all(Array.from({ length: 20 }, () => charge(card.code, { amount: 100 })))
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(10)
    expect(statuses.filter((s) => s === 422)).toHaveLength(10)
    expect(results.filter((r) => r.status === 422).every((r) => r.body.type === "daily_limit_exceeded")).toBe(true)
    expect(await balanceOf(card.id)).toBe(9000)
  })
})

describe("daily spending limit", () => {
  it("refuses the charge that would pass the limit with 422 daily_limit_exceeded, and allows what is left", async () => {
    const card = await funded(5000)
    await setDailyLimit(card.id, 800)
    expect((await charge(card.code, { amount: 500 })).status).toBe(200)
    const over = await charge(card.code, { amount: 301 })
    expect(over.status).toBe(422)
    expect(over.body).toEqual({ type: "daily_limit_exceeded", message: expect.stringContaining("300") })
    expect((await charge(card.code, { amount: 300 })).status).toBe(200)
    expect(await balanceOf(card.id)).toBe(4200)
  })

  it("counts charges at every location towards the same day", async () => {
    const card = await funded(5000)
    await setDailyLimit(card.id, 1000)
    expect((await charge(card.code, { amount: 600 })).status).toBe(200)
    const res = await charge(card.code, { amount: 600 }, { key: otherTill })
    expect(res.status).toBe(422)
  })

  it("gives back the limit a reversed charge used", async () => {
    const card = await funded(5000)
    await setDailyLimit(card.id, 1000)
    const first = await charge(card.code, { amount: 1000 })
    expect(first.status).toBe(200)
    expect((await charge(card.code, { amount: 100 })).status).toBe(422)
    const reversed = await posApi(`/store/pos/transactions/${first.body.transaction.id}/reverse`, { key: till, body: {} })
    expect(reversed.status, reversed.text).toBe(200)
    expect((await charge(card.code, { amount: 100 })).status).toBe(200)
  })

  it("does not limit top-ups, and charges freely again once the limit is cleared", async () => {
    const card = await funded(3000)
    await setDailyLimit(card.id, 100)
    expect((await topUp(card.code, 5000)).status).toBe(200)
    expect((await charge(card.code, { amount: 200 })).status).toBe(422)
    await setDailyLimit(card.id, null)
    expect((await charge(card.code, { amount: 200 })).status).toBe(200)
  })
})

describe("pre-printed cards", () => {
  it("creates inactive cards from a list of UIDs that cannot be charged or topped up until a till issues them", async () => {
    const uids = [`PP${randomUUID().slice(0, 8)}`, `PP${randomUUID().slice(0, 8)}`].map((u) => u.toUpperCase())
    const batch = await adminApi("/admin/prepaid-cards/batch", { body: { currency_code: "eur", codes: uids }, headers: { "idempotency-key": randomUUID() } })
    expect(batch.status, batch.text).toBe(201)
    expect(batch.body.count).toBe(2)
    expect(batch.body.prepaid_cards.every((c: PrepaidCard) => c.status === "inactive")).toBe(true)

    const charged = await charge(uids[0], { amount: 10 })
    expect(charged.status).toBe(409)
    expect(charged.body.type).toBe("card_inactive")
    const loaded = await topUp(uids[0], 1000)
    expect(loaded.status).toBe(409)
    expect(loaded.body.type).toBe("card_inactive")

    const customer = await signUp()
    const activated = await issue({ code: uids[0].toLowerCase(), customer_id: customer.id })
    expect(activated).toEqual(expect.objectContaining({ id: batch.body.prepaid_cards[0].id, status: "active", customer_id: customer.id }))
    expect((await topUp(uids[0], 1000)).status).toBe(200)
    expect((await charge(uids[0], { amount: 10 })).status).toBe(200)
    const detail = await adminApi(`/admin/prepaid-cards/${activated.id}`)
    expect(detail.body.transactions.map((t: { type: string }) => t.type)).toEqual(["charge", "load", "activate"])

    // The other card is still inactive, and an active card's code cannot be issued again.
    expect((await charge(uids[1], { amount: 10 })).body.type).toBe("card_inactive")
    const again = await posApi("/store/pos/prepaid-cards", { key: till, body: { currency_code: "eur", code: uids[0] } })
    expect(again.status).toBe(409)
    expect(again.body.type).toBe("code_taken")
  })

  it("creates inactive cards from a merchant number range", async () => {
    const prefix = `PC${randomUUID().replace(/[^A-F]/gi, "").slice(0, 4).toUpperCase()}`
    const range = await adminApi("/admin/ledger/code-ranges", {
      body: { name: `Canteen ${prefix}`, card_kind: "prepaid_card", prefix, start: 1, end: 999 },
    })
    expect(range.status, range.text).toBe(201)
    const batch = await adminApi("/admin/prepaid-cards/batch", { body: { currency_code: "eur", range_id: range.body.code_range.id, count: 3 }, headers: { "idempotency-key": randomUUID() } })
    expect(batch.status, batch.text).toBe(201)
    expect(batch.body.prepaid_cards.map((c: PrepaidCard) => c.code)).toEqual([`${prefix}001`, `${prefix}002`, `${prefix}003`])
    const activated = await issue({ code: `${prefix}002` })
    expect(activated.status).toBe("active")
  })

  it("refuses to activate a card printed for another currency", async () => {
    const uid = `PPUSD${randomUUID().slice(0, 6)}`.toUpperCase()
    expect((await adminApi("/admin/prepaid-cards/batch", { body: { currency_code: "usd", codes: [uid] }, headers: { "idempotency-key": randomUUID() } })).status).toBe(201)
    const res = await posApi("/store/pos/prepaid-cards", { key: till, body: { currency_code: "eur", code: uid } })
    expect(res.status).toBe(422)
    expect(res.body.type).toBe("currency_mismatch")
  })

  it("refuses a code that was never created", async () => {
    const res = await charge(`NEVER${randomUUID().slice(0, 8)}`, { amount: 10 })
    expect(res.status).toBe(404)
  })
})

describe("blocking and replacing", () => {
  it("refuses a blocked card with 409 card_blocked and takes it again once unblocked", async () => {
    const card = await funded(1000)
    const blocked = await adminApi(`/admin/prepaid-cards/${card.id}/block`, { body: { reason: "reported stolen" } })
    expect(blocked.status, blocked.text).toBe(200)
    expect(blocked.body.prepaid_card.status).toBe("blocked")

    const charged = await charge(card.code, { amount: 10 })
    expect(charged.status).toBe(409)
    expect(charged.body.type).toBe("card_blocked")
    expect((await topUp(card.code, 10)).body.type).toBe("card_blocked")

    const unblocked = await adminApi(`/admin/prepaid-cards/${card.id}/unblock`, { body: {} })
    expect(unblocked.body.prepaid_card.status).toBe("active")
    expect((await charge(card.code, { amount: 10 })).status).toBe(200)
    const { transactions } = await adminDetail(card.id)
    expect(transactions.map((t) => t.type)).toEqual(["charge", "unblock", "block", "load"])
    expect(transactions[2].reference).toBe("reported stolen")
  })

  it("replaces a lost card keeping balance and history; the old code is refused", async () => {
    const card = await funded(2500)
    await setDailyLimit(card.id, 2000)
    await adminApi(`/admin/prepaid-cards/${card.id}/block`, { body: { reason: "lost" } })
    // A retry with the same Idempotency-Key (a double click) answers the first replacement again.
    const replaceKey = randomUUID()
    const [replaced, retried] = await Promise.all(
      [1, 2].map(() => adminApi(`/admin/prepaid-cards/${card.id}/replace`, { body: {}, headers: { "idempotency-key": replaceKey } }))
    )
    expect(replaced.status, replaced.text).toBe(201)
    expect(retried.body).toEqual(replaced.body)
    const fresh = replaced.body.prepaid_card
    expect(fresh).toEqual(expect.objectContaining({ balance: 2500, status: "active", daily_limit: 2000 }))
    expect(fresh.code).not.toBe(card.code)
    expect(replaced.body.replaced).toEqual(expect.objectContaining({ id: card.id, status: "blocked", replaced_by_id: fresh.id }))

    const old = await charge(card.code, { amount: 10 })
    expect(old.status).toBe(409)
    expect(old.body.type).toBe("card_replaced")
    const ok = await charge(fresh.code, { amount: 500 })
    expect(ok.status, ok.text).toBe(200)
    expect(ok.body.prepaid_card.balance).toBe(2000)
    expect((await adminDetail(fresh.id)).transactions.map((t) => t.type)).toContain("load")

    const twice = await adminApi(`/admin/prepaid-cards/${card.id}/replace`, { body: {}, headers: { "idempotency-key": randomUUID() } })
    expect(twice.status).toBe(409)
    expect(twice.body.type).toBe("card_replaced")
    expect((await adminApi(`/admin/prepaid-cards/${card.id}/unblock`, { body: {} })).status).toBe(409)
  })
})

describe("idempotency", () => {
  it("replays a retried charge with the first answer and charges once", async () => {
    const card = await funded(1000)
    const key = randomUUID()
    const results = await Promise.all(Array.from({ length: 10 }, () => charge(card.code, { amount: 300 }, { idempotencyKey: key })))
    expect(new Set(results.map((r) => `${r.status} ${r.text}`)).size).toBe(1)
    expect(results[0].status).toBe(200)
    expect(await balanceOf(card.id)).toBe(700)
    const other = await charge(card.code, { amount: 200 }, { idempotencyKey: key })
    expect(other.status).toBe(409)
    expect(other.body.type).toBe("idempotency_conflict")
  })

  it("replays a retried issue with the same card", async () => {
    const key = randomUUID()
    const first = await posApi("/store/pos/prepaid-cards", { key: till, idempotencyKey: key, body: { currency_code: "eur" } })
    const retry = await posApi("/store/pos/prepaid-cards", { key: till, idempotencyKey: key, body: { currency_code: "eur" } })
    expect(first.status).toBe(201)
    expect(retry.text).toBe(first.text)
    expect(retry.headers.get("idempotent-replayed")).toBe("true")
  })

  it("tops up once for a retried top-up", async () => {
    const card = await issue()
    const key = randomUUID()
    await topUp(card.code, 700, { idempotencyKey: key })
    const retry = await topUp(card.code, 700, { idempotencyKey: key })
    expect(retry.status).toBe(200)
    expect(await balanceOf(card.id)).toBe(700)
  })

  it("credits an admin top-up once for a retried Idempotency-Key, and asks for the key", async () => {
    const card = await issue()
    const key = randomUUID()
    const body = { amount: 1500, reason: "goodwill: broken till" }
    const first = await adminApi(`/admin/prepaid-cards/${card.id}/top-up`, { body, headers: { "idempotency-key": key } })
    expect(first.status, first.text).toBe(200)
    expect(first.body.transaction).toEqual(expect.objectContaining({ type: "adjust", amount: 1500, reference: body.reason }))
    const retry = await adminApi(`/admin/prepaid-cards/${card.id}/top-up`, { body, headers: { "idempotency-key": key } })
    expect(retry.body.transaction.id).toBe(first.body.transaction.id)
    expect(await balanceOf(card.id)).toBe(1500)
    const keyless = await adminApi(`/admin/prepaid-cards/${card.id}/top-up`, { body })
    expect(keyless.status).toBe(400)
    expect(await balanceOf(card.id)).toBe(1500)
  })
})

describe("bad input changes nothing", () => {
  let card: PrepaidCard
  beforeAll(async () => {
    card = await funded(1000)
  })

  it.each([
    ["a negative amount", { amount: -10 }],
    ["a zero amount", { amount: 0 }],
    ["a fractional amount", { amount: 10.5 }],
    ["a string amount", { amount: "10" }],
    ["an oversized amount", { amount: 100_000_001 }],
    ["no amount", {}],
    ["an unknown field", { amount: 10, tip: 5 }],
  ])("refuses a charge with %s: 400", async (_label, body) => {
    const res = await charge(card.code, body)
    expect(res.status, res.text).toBe(400)
    expect(res.body).toEqual({ type: "invalid_request", message: expect.any(String) })
    expect(await balanceOf(card.id)).toBe(1000)
  })

  it.each([
    ["a negative amount", { amount: -10, tender: "cash" }],
    ["a fractional amount", { amount: 0.5, tender: "cash" }],
    ["an amount beyond 2^53", { amount: 2 ** 60, tender: "cash" }],
    ["an unknown tender", { amount: 10, tender: "bitcoin" }],
    ["no tender", { amount: 10 }],
    ["an unknown field", { amount: 10, tender: "cash", bonus: 5 }],
  ])("refuses a top-up with %s: 400", async (_label, body) => {
    const res = await posApi(`/store/pos/prepaid-cards/${card.code}/top-up`, { key: till, body })
    expect(res.status, res.text).toBe(400)
    expect(res.body.type).toBe("invalid_request")
    expect(await balanceOf(card.id)).toBe(1000)
  })

  it.each([
    ["an unknown currency", { currency_code: "XQZ" }, "invalid_currency"],
    ["a malformed currency", { currency_code: "euro" }, "invalid_request"],
    ["an unknown field", { currency_code: "eur", balance: 100 }, "invalid_request"],
  ])("refuses to issue a card with %s: 400", async (_label, body, type) => {
    const before = (await adminApi("/admin/prepaid-cards?limit=1")).body.count
    const res = await posApi("/store/pos/prepaid-cards", { key: till, body })
    expect(res.status, res.text).toBe(400)
    expect(res.body.type).toBe(type)
    expect((await adminApi("/admin/prepaid-cards?limit=1")).body.count).toBe(before)
  })

  it("refuses malformed JSON and a missing Idempotency-Key", async () => {
    const malformed = await posApi(`/store/pos/prepaid-cards/${card.code}/charge`, { key: till, rawBody: '{"amount": 10,' })
    expect(malformed.status).toBe(400)
    const keyless = await api(`/store/pos/prepaid-cards/${card.code}/charge`, { token: till, body: { amount: 10 } })
    expect(keyless.status).toBe(400)
    expect(keyless.body.type).toBe("idempotency_key_missing")
    expect(await balanceOf(card.id)).toBe(1000)
  })

  it.each([
    ["a negative limit", { daily_limit: -1 }],
    ["a fractional limit", { daily_limit: 1.5 }],
    ["an unknown field", { daily_limit: 100, colour: "red" }],
  ])("refuses an admin update with %s: 400", async (_label, body) => {
    const res = await adminApi(`/admin/prepaid-cards/${card.id}`, { body })
    expect(res.status, res.text).toBe(400)
    expect((await adminDetail(card.id)).prepaid_card.daily_limit).toBeNull()
  })
})

describe("the customer's own cards in the store API", () => {
  it("lists the signed-in customer's cards and history, and answers 404 for another customer's card", async () => {
    const anna = await signUp()
    const ben = await signUp()
    const annas = await issue({ customer_id: anna.id })
    await topUp(annas.code, 1200)
    await charge(annas.code, { amount: 200, reference: "lunch" })
    const bens = await issue({ customer_id: ben.id })

    const list = await api("/store/prepaid-cards", { token: anna.token })
    expect(list.status, list.text).toBe(200)
    expect(list.body.prepaid_cards).toEqual([expect.objectContaining({ id: annas.id, code: annas.code, balance: 1000 })])

    const history = await api(`/store/prepaid-cards/${annas.id}/transactions`, { token: anna.token })
    expect(history.status, history.text).toBe(200)
    expect(history.body.transactions.map((t: Transaction) => [t.type, t.amount, t.balance_after])).toEqual([
      ["charge", -200, 1000],
      ["load", 1200, 1200],
    ])
    expect(history.body.transactions[0]).not.toHaveProperty("terminal_id")

    const foreign = await api(`/store/prepaid-cards/${bens.id}/transactions`, { token: anna.token })
    expect(foreign.status).toBe(404)
    const foreignCart = await api(`/store/prepaid-cards/${bens.id}/top-up-cart`, { token: anna.token, body: { amount: 500 } })
    expect(foreignCart.status).toBe(404)
  })

  it("needs a signed-in customer", async () => {
    expect((await api("/store/prepaid-cards")).status).toBe(401)
  })
})

describe("online top-up", () => {
  it("credits the card only once the payment is captured, and exactly once however often crediting runs", async () => {
    const customer = await signUp()
    const card = await issue({ customer_id: customer.id })

    const cart = await api(`/store/prepaid-cards/${card.id}/top-up-cart`, { token: customer.token, body: { amount: 2500 } })
    expect(cart.status, cart.text).toBe(201)
    const cartId = cart.body.cart_id
    const sessions = await api(`/store/carts/${cartId}/payment-sessions`, { token: customer.token, method: "POST" })
    expect(sessions.status, sessions.text).toBe(200)
    expect(sessions.body.cart.total).toBe(2500)
    const selected = await api(`/store/carts/${cartId}/payment-session`, { token: customer.token, body: { provider_id: "manual" } })
    expect(selected.status, selected.text).toBe(200)
    const completed = await api(`/store/carts/${cartId}/complete`, { token: customer.token, method: "POST" })
    expect(completed.status, completed.text).toBe(200)
    expect(completed.body.type).toBe("order")
    const orderId = completed.body.data.id

    // Authorized, not captured: nothing credited, also when crediting is asked for.
    const early = await adminApi(`/admin/prepaid-cards/top-ups/${orderId}`, { method: "POST" })
    expect(early.body.credited).toEqual([])
    expect(await balanceOf(card.id)).toBe(0)

    const captured = await adminApi(`/admin/orders/${orderId}/capture`, { method: "POST" })
    expect(captured.status, captured.text).toBe(200)
    await expect.poll(() => balanceOf(card.id), { timeout: 20_000, interval: 200 }).toBe(2500)

    // The same crediting again (a redelivered event runs exactly this): nothing more.
    const again = await adminApi(`/admin/prepaid-cards/top-ups/${orderId}`, { method: "POST" })
    expect(again.status, again.text).toBe(200)
    expect(again.body.credited).toEqual([])
    const { transactions } = await adminDetail(card.id)
    expect(transactions).toHaveLength(1)
    expect(transactions[0]).toEqual(
      expect.objectContaining({ type: "load", amount: 2500, metadata: expect.objectContaining({ tender: "online", order_id: orderId }) })
    )
  })

  it("refuses a top-up cart with a bad amount", async () => {
    const customer = await signUp()
    const card = await issue({ customer_id: customer.id })
    for (const amount of [0, -5, 1.5, "10", 100_000_001]) {
      const res = await api(`/store/prepaid-cards/${card.id}/top-up-cart`, { token: customer.token, body: { amount } })
      expect(res.status, res.text).toBe(400)
    }
  })
})

describe("admin", () => {
  it("finds cards by code and by customer", async () => {
    const customer = await signUp()
    const card = await issue({ customer_id: customer.id })
    const byCode = await adminApi(`/admin/prepaid-cards?q=${encodeURIComponent(card.code.slice(0, 9))}`)
    expect(byCode.body.prepaid_cards.map((c: PrepaidCard) => c.id)).toContain(card.id)
    const byCustomer = await adminApi(`/admin/prepaid-cards?q=${encodeURIComponent(customer.email)}`)
    expect(byCustomer.body.prepaid_cards.map((c: PrepaidCard) => c.id)).toEqual([card.id])
  })

  it("exports the transactions of a location as CSV with proper escaping", async () => {
    const { key, location } = await createTerminal({ scopes: ["prepaid_charge", "prepaid_topup"] })
    const card = await issue({}, key)
    await posApi(`/store/pos/prepaid-cards/${card.code}/top-up`, { key, body: { amount: 1000, tender: "cash", reference: 'Till "A", shift 1' } })
    await posApi(`/store/pos/prepaid-cards/${card.code}/charge`, { key, body: { amount: 250, reference: "=HYPERLINK(1)" } })
    await charge(card.code, { amount: 50 }) // another location: not in this export

    const res = await adminApi(`/admin/prepaid-cards/export?location_id=${location.id}`)
    expect(res.status, res.text).toBe(200)
    expect(res.headers.get("content-type")).toContain("text/csv")
    const lines = res.text.trim().split("\r\n")
    expect(lines[0]).toBe(
      "created_at,transaction_id,card_code,customer_id,type,amount_minor,currency_code,balance_after_minor,tender,reference,location_id,location_name,terminal_id,staff_id"
    )
    expect(lines).toHaveLength(3)
    expect(lines[1]).toContain(`,${card.code},,load,1000,eur,1000,cash,"Till ""A"", shift 1",${location.id},`)
    expect(lines[2]).toContain(`,charge,-250,eur,750,,'=HYPERLINK(1),${location.id},`)

    const future = await adminApi(`/admin/prepaid-cards/export?location_id=${location.id}&from=2999-01-01`)
    expect(future.text.trim().split("\r\n")).toHaveLength(1)
    const bad = await adminApi(`/admin/prepaid-cards/export?from=yesterday`)
    expect(bad.status).toBe(400)
  })
})
