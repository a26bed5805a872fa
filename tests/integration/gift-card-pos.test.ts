/**
 * The ledger's guarantees as a till sees them, through the gift-card POS routes:
 * no double spend under concurrency, idempotent retries, bad input changes nothing.
 */
import { randomUUID } from "crypto"

import { beforeAll, describe, expect, it } from "vitest"

import { adminApi, api } from "../support/api"
import { createTerminal, posApi } from "../support/pos"

let till: string

beforeAll(async () => {
  till = (await createTerminal({ scopes: ["gift_card"] })).key
})

type GiftCard = { id: string; code: string; balance: number; currency_code: string; status: string }

async function sell(amount: number, extra: Record<string, unknown> = {}): Promise<GiftCard> {
  const res = await posApi("/store/pos/gift-cards", { key: till, body: { amount, currency_code: "EUR", ...extra } })
  expect(res.status, res.text).toBe(201)
  return res.body.gift_card
}

async function balanceOf(code: string): Promise<number> {
  const res = await posApi(`/store/pos/cards/${encodeURIComponent(code)}`, { key: till })
  expect(res.status, res.text).toBe(200)
  return res.body.card.accounts[0].balance
}

/** The voucher's ledger account with its whole history, from the admin API. */
async function ledgerOf(code: string): Promise<{ balance: number; transactions: { amount: number }[]; count: number }> {
  const card = await posApi(`/store/pos/cards/${encodeURIComponent(code)}`, { key: till })
  const accountId = card.body.card.accounts[0].id
  const res = await adminApi(`/admin/ledger/accounts/${accountId}?limit=200`)
  expect(res.status, res.text).toBe(200)
  return { balance: res.body.account.balance, transactions: res.body.transactions, count: res.body.count }
}

describe("selling, redeeming and reloading a voucher", () => {
  it("sells a voucher with a generated code in groups of four", async () => {
    const card = await sell(2500)
    expect(card).toEqual(expect.objectContaining({ balance: 2500, currency_code: "eur", status: "active" }))
    expect(card.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
  })

  it("redeems part of a voucher and reloads it, finding it by any spelling of its code", async () => {
    const card = await sell(5000)
    const sloppy = ` ${card.code.toLowerCase().replace(/-/g, " ")} `
    const redeemed = await posApi(`/store/pos/gift-cards/${encodeURIComponent(sloppy)}/redeem`, {
      key: till,
      body: { amount: 1234, reference: "receipt 42" },
    })
    expect(redeemed.status, redeemed.text).toBe(200)
    expect(redeemed.body.gift_card.balance).toBe(3766)
    expect(redeemed.body.transaction).toEqual(
      expect.objectContaining({ type: "redeem", amount: -1234, balance_after: 3766, reference: "receipt 42" })
    )
    const reloaded = await posApi(`/store/pos/gift-cards/${card.code}/reload`, { key: till, body: { amount: 1000 } })
    expect(reloaded.body.gift_card.balance).toBe(4766)
  })

  it("sells a voucher with the merchant's own number once, and refuses the number again", async () => {
    const own = `GS-${Date.now()}`
    const card = await sell(1000, { code: own })
    expect(card.code).toBe(own)
    const again = await posApi("/store/pos/gift-cards", { key: till, body: { amount: 1000, currency_code: "eur", code: own } })
    expect(again.status).toBe(409)
    expect(again.body.type).toBe("code_taken")
  })

  it("refuses a redemption above the balance and changes nothing", async () => {
    const card = await sell(500)
    const res = await posApi(`/store/pos/gift-cards/${card.code}/redeem`, { key: till, body: { amount: 501 } })
    expect(res.status).toBe(409)
    expect(res.body).toEqual({ type: "insufficient_balance", message: expect.any(String) })
    expect(await balanceOf(card.code)).toBe(500)
  })
})

describe("concurrency", () => {
  it("lets exactly 10 of 50 parallel debits of 10 through on a voucher holding 100", async () => {
    const card = await sell(100)
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        posApi(`/store/pos/gift-cards/${card.code}/redeem`, { key: till, body: { amount: 10 } })
      )
    )
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(10)
    expect(statuses.filter((s) => s === 409)).toHaveLength(40)
    const ledger = await ledgerOf(card.code)
    expect(ledger.balance).toBe(0)
    expect(ledger.count).toBe(11) // the sale and ten redemptions
    expect(ledger.transactions.reduce((sum, t) => sum + t.amount, 0)).toBe(ledger.balance)
    const verify = await adminApi("/admin/ledger/verify")
    expect(verify.body.mismatches).toEqual([])
  })

  it("answers 20 simultaneous retries with one effect and 20 identical answers", async () => {
    const card = await sell(1000)
    const key = randomUUID()
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        posApi(`/store/pos/gift-cards/${card.code}/redeem`, { key: till, idempotencyKey: key, body: { amount: 300 } })
      )
    )
    expect(new Set(results.map((r) => `${r.status} ${r.text}`)).size).toBe(1)
    expect(results[0].status).toBe(200)
    expect(await balanceOf(card.code)).toBe(700)
    expect((await ledgerOf(card.code)).count).toBe(2)

    const other = await posApi(`/store/pos/gift-cards/${card.code}/redeem`, { key: till, idempotencyKey: key, body: { amount: 200 } })
    expect(other.status).toBe(409)
    expect(other.body.type).toBe("idempotency_conflict")
    expect(await balanceOf(card.code)).toBe(700)
  })

  it("repeats a refusal for a retried key instead of trying again", async () => {
    const card = await sell(100)
    const key = randomUUID()
    const first = await posApi(`/store/pos/gift-cards/${card.code}/redeem`, { key: till, idempotencyKey: key, body: { amount: 150 } })
    expect(first.status).toBe(409)
    await posApi(`/store/pos/gift-cards/${card.code}/reload`, { key: till, body: { amount: 100 } })
    const retry = await posApi(`/store/pos/gift-cards/${card.code}/redeem`, { key: till, idempotencyKey: key, body: { amount: 150 } })
    expect(retry.status).toBe(409)
    expect(retry.text).toBe(first.text)
    expect(await balanceOf(card.code)).toBe(200)
  })
})

describe("reversal", () => {
  it("undoes a redemption once, however often it is asked", async () => {
    const card = await sell(1000)
    const redeemed = await posApi(`/store/pos/gift-cards/${card.code}/redeem`, { key: till, body: { amount: 400 } })
    const txId = redeemed.body.transaction.id
    const first = await posApi(`/store/pos/transactions/${txId}/reverse`, { key: till, body: {} })
    expect(first.status, first.text).toBe(200)
    expect(first.body.transaction).toEqual(expect.objectContaining({ type: "reverse", amount: 400, reverses_id: txId }))
    const second = await posApi(`/store/pos/transactions/${txId}/reverse`, { key: till, body: {} })
    expect(second.status).toBe(200)
    expect(second.body.transaction.id).toBe(first.body.transaction.id)
    expect(await balanceOf(card.code)).toBe(1000)
    expect((await ledgerOf(card.code)).count).toBe(3)
  })
})

describe("bad input changes nothing", () => {
  let card: GiftCard
  beforeAll(async () => {
    card = await sell(1000)
  })

  const redeemWith = (body: unknown) => posApi(`/store/pos/gift-cards/${card.code}/redeem`, { key: till, body })

  it.each([
    ["negative", -10],
    ["zero", 0],
    ["fractional", 10.5],
    ["a string", "10"],
    ["null", null],
  ])("refuses a %s amount with 400", async (_label, amount) => {
    const res = await redeemWith({ amount })
    expect(res.status, res.text).toBe(400)
    expect(res.body).toEqual({ type: "invalid_request", message: expect.stringContaining("amount") })
    expect(await balanceOf(card.code)).toBe(1000)
  })

  it("refuses an amount beyond 2^53 that JSON cannot carry exactly", async () => {
    const res = await posApi(`/store/pos/gift-cards/${card.code}/redeem`, { key: till, rawBody: '{"amount": 9007199254740993}' })
    expect(res.status).toBe(400)
    expect(await balanceOf(card.code)).toBe(1000)
  })

  it("refuses unknown fields", async () => {
    const res = await redeemWith({ amount: 10, tip: 5 })
    expect(res.status).toBe(400)
    expect(res.body.message).toContain("tip")
    expect(await balanceOf(card.code)).toBe(1000)
  })

  it("refuses malformed JSON", async () => {
    const res = await posApi(`/store/pos/gift-cards/${card.code}/redeem`, { key: till, rawBody: '{"amount": 10,' })
    expect(res.status).toBe(400)
    expect(res.body.type).toBe("invalid_json")
    expect(await balanceOf(card.code)).toBe(1000)
  })

  it("refuses a missing body", async () => {
    const res = await posApi(`/store/pos/gift-cards/${card.code}/redeem`, { key: till, rawBody: "" })
    expect(res.status).toBe(400)
    expect(await balanceOf(card.code)).toBe(1000)
  })

  it("refuses a POST without Idempotency-Key", async () => {
    const res = await api(`/store/pos/gift-cards/${card.code}/redeem`, { token: till, body: { amount: 10 } })
    expect(res.status).toBe(400)
    expect(res.body.type).toBe("idempotency_key_missing")
    expect(await balanceOf(card.code)).toBe(1000)
  })

  it("refuses an unknown currency when selling", async () => {
    const res = await posApi("/store/pos/gift-cards", { key: till, body: { amount: 1000, currency_code: "XQZ" } })
    expect(res.status).toBe(400)
    expect(res.body.type).toBe("invalid_currency")
  })

  it("refuses a prepaid card's code with 422 wrong_card_kind and takes nothing off it", async () => {
    const prepaidTill = (await createTerminal({ scopes: ["prepaid_charge", "prepaid_topup"] })).key
    const issued = await posApi("/store/pos/prepaid-cards", { key: prepaidTill, body: { currency_code: "eur" } })
    expect(issued.status, issued.text).toBe(201)
    const code = issued.body.prepaid_card.code
    expect((await posApi(`/store/pos/prepaid-cards/${code}/top-up`, { key: prepaidTill, body: { amount: 500, tender: "cash" } })).status).toBe(200)
    const res = await posApi(`/store/pos/gift-cards/${code}/redeem`, { key: till, body: { amount: 10 } })
    expect(res.status, res.text).toBe(422)
    expect(res.body.type).toBe("wrong_card_kind")
    const after = await posApi(`/store/pos/cards/${code}`, { key: prepaidTill })
    expect(after.status, after.text).toBe(200)
    expect(after.body.card.accounts[0].balance).toBe(500)
  })

  it("rejects a mistyped generated code by its check character", async () => {
    const plain = card.code.replace(/-/g, "")
    // Swap two neighbouring, different characters: a typical typing error.
    let i = 0
    while (plain[i] === plain[i + 1]) i++
    const swapped = plain.slice(0, i) + plain[i + 1] + plain[i] + plain.slice(i + 2)
    const res = await posApi(`/store/pos/gift-cards/${swapped}/redeem`, { key: till, body: { amount: 10 } })
    expect(res.status).toBe(400)
    expect(res.body.type).toBe("invalid_code")
    expect(await balanceOf(card.code)).toBe(1000)
  })
})

describe("access", () => {
  it("refuses a key without the gift_card scope", async () => {
    const { key } = await createTerminal({ scopes: ["prepaid_topup"] })
    const res = await posApi("/store/pos/gift-cards", { key, body: { amount: 1000, currency_code: "eur" } })
    expect(res.status).toBe(403)
  })

  it("refuses a revoked key on the very next call", async () => {
    const { key, terminal } = await createTerminal({ scopes: ["gift_card"] })
    const card = await sell(1000)
    expect((await posApi(`/store/pos/gift-cards/${card.code}/redeem`, { key, body: { amount: 10 } })).status).toBe(200)
    await adminApi(`/admin/pos/terminals/${terminal.id}`, { method: "DELETE" })
    const res = await posApi(`/store/pos/gift-cards/${card.code}/redeem`, { key, body: { amount: 10 } })
    expect(res.status).toBe(401)
    expect(await balanceOf(card.code)).toBe(990)
  })

  it("never throttles a burst of 300 operations on known codes", async () => {
    const { key } = await createTerminal({ scopes: ["gift_card"] })
    const card = await sell(100_000)
    const results = await Promise.all(
      Array.from({ length: 300 }, () => posApi(`/store/pos/gift-cards/${card.code}/redeem`, { key, body: { amount: 1 } }))
    )
    expect(results.filter((r) => r.status === 429)).toHaveLength(0)
    expect(results.filter((r) => r.status === 200)).toHaveLength(300)
    expect(await balanceOf(card.code)).toBe(99_700)
  })

  it("throttles a burst of 300 lookups of unknown codes with 429 and Retry-After", async () => {
    const { key } = await createTerminal({ scopes: ["gift_card"] })
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        posApi(`/store/pos/gift-cards/NOPE${String(i).padStart(6, "0")}/redeem`, { key, body: { amount: 1 } })
      )
    )
    const throttled = results.filter((r) => r.status === 429)
    expect(throttled.length).toBeGreaterThan(200)
    expect(Number(throttled[0].headers.get("retry-after"))).toBeGreaterThan(0)
    expect(results.every((r) => r.status === 404 || r.status === 429)).toBe(true)
  })
})
