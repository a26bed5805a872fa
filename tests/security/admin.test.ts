/**
 * Security findings of the admin API.
 */
import { randomUUID } from "crypto"

import { beforeAll, describe, expect, it } from "vitest"

import { adminApi } from "../support/api"
import type { ApiResponse } from "../support/api"
import { createTerminal, posApi } from "../support/pos"

describe("admin: idempotency of money routes", () => {
  let giftCardTill: string
  let prepaidTill: string
  let debtorTill: string

  beforeAll(async () => {
    giftCardTill = (await createTerminal({ scopes: ["gift_card"] })).key
    prepaidTill = (await createTerminal({ scopes: ["prepaid_charge", "prepaid_topup"] })).key
    debtorTill = (await createTerminal({ scopes: ["debtor"] })).key
  })

  const unique = (prefix: string) => `${prefix}${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`

  /**
   * The rules every admin money route keeps: without an Idempotency-Key it is
   * refused and writes nothing; a double click (two calls at once with one
   * key) and a later retry get the first answer and write once; the same key
   * with another body is a conflict that writes nothing.
   */
  async function keepsTheRules(
    path: string,
    body: object,
    otherBody: object,
    written: () => Promise<unknown>,
    status: number
  ): Promise<ApiResponse> {
    const before = await written()
    const keyless = await adminApi(path, { body })
    expect(keyless.status, keyless.text).toBe(400)
    expect(keyless.body.type).toBe("idempotency_key_missing")
    expect(await written()).toEqual(before)

    const headers = { "idempotency-key": randomUUID() }
    const [first, doubleClick] = await Promise.all([1, 2].map(() => adminApi(path, { body, headers })))
    expect(first.status, first.text).toBe(status)
    expect(doubleClick.status, doubleClick.text).toBe(status)
    expect(doubleClick.body).toEqual(first.body)
    const once = await written()
    expect(once).not.toEqual(before)

    const retry = await adminApi(path, { body, headers })
    expect(retry.status).toBe(status)
    expect(retry.body).toEqual(first.body)
    expect(retry.headers.get("idempotent-replayed")).toBe("true")

    const other = await adminApi(path, { body: otherBody, headers })
    expect(other.status, other.text).toBe(409)
    expect(other.body.type).toBe("idempotency_conflict")
    expect(await written()).toEqual(once)
    return first
  }

  const vouchersNumbered = async (code: string) => (await adminApi(`/admin/vouchers?q=${code}`)).body.count
  const voucherBalance = async (id: string) => (await adminApi(`/admin/vouchers/${id}`)).body.gift_card.balance
  const prepaidNumbered = async (code: string) => (await adminApi(`/admin/prepaid-cards?q=${code}`)).body.count
  const prepaidCard = async (id: string) => {
    const { balance, status, replaced_by_id } = (await adminApi(`/admin/prepaid-cards/${id}`)).body.prepaid_card
    return { balance, status, replaced_by_id }
  }

  it("sells a voucher once", async () => {
    const code = unique("SELL")
    await keepsTheRules("/admin/vouchers", { amount: 2000, currency_code: "eur", code }, { amount: 2001, currency_code: "eur", code }, () => vouchersNumbered(code), 201)
    expect(await vouchersNumbered(code)).toBe(1)
  })

  it("creates a batch of pre-printed vouchers once", async () => {
    const code = unique("BATCH")
    await keepsTheRules("/admin/vouchers/batch", { currency_code: "eur", codes: [code] }, { currency_code: "eur", codes: [code, `${code}X`] }, () => vouchersNumbered(code), 201)
    expect(await vouchersNumbered(code)).toBe(1)
  })

  it("reloads a voucher once", async () => {
    const sold = await posApi("/store/pos/gift-cards", { key: giftCardTill, body: { amount: 1000, currency_code: "eur" } })
    expect(sold.status, sold.text).toBe(201)
    const id: string = sold.body.gift_card.id
    await keepsTheRules(`/admin/vouchers/${id}/reload`, { amount: 500 }, { amount: 600 }, () => voucherBalance(id), 200)
    expect(await voucherBalance(id)).toBe(1500)
  })

  it("refuses a refund onto vouchers without a key", async () => {
    const res = await adminApi("/admin/vouchers/orders/order_none/refund", { body: { amount: 100 } })
    expect(res.status, res.text).toBe(400)
    expect(res.body.type).toBe("idempotency_key_missing")
  })

  it("tops up a prepaid card once", async () => {
    const issued = await posApi("/store/pos/prepaid-cards", { key: prepaidTill, body: { currency_code: "eur" } })
    expect(issued.status, issued.text).toBe(201)
    const id: string = issued.body.prepaid_card.id
    await keepsTheRules(
      `/admin/prepaid-cards/${id}/top-up`,
      { amount: 700, reason: "goodwill" },
      { amount: 700, reason: "other reason" },
      () => prepaidCard(id),
      200
    )
    expect((await prepaidCard(id)).balance).toBe(700)
  })

  it("replaces a prepaid card once", async () => {
    const issued = await posApi("/store/pos/prepaid-cards", { key: prepaidTill, body: { currency_code: "eur" } })
    expect(issued.status, issued.text).toBe(201)
    const id: string = issued.body.prepaid_card.id
    const first = await keepsTheRules(`/admin/prepaid-cards/${id}/replace`, {}, { code: unique("REPL") }, () => prepaidCard(id), 201)
    expect(await prepaidCard(id)).toEqual(expect.objectContaining({ status: "blocked", replaced_by_id: first.body.prepaid_card.id }))
  })

  it("creates a batch of pre-printed prepaid cards once", async () => {
    const code = unique("PPB")
    await keepsTheRules("/admin/prepaid-cards/batch", { currency_code: "eur", codes: [code] }, { currency_code: "eur", codes: [`${code}X`] }, () => prepaidNumbered(code), 201)
    expect(await prepaidNumbered(code)).toBe(1)
  })

  it("records a debtor payment once", async () => {
    const created = await posApi("/store/pos/invoices", {
      key: debtorTill,
      body: { customer_name: "Doppelklick", currency_code: "eur", lines: [{ title: "Kaffee", quantity: 4, unit_price: 250, tax_rate: 19 }] },
    })
    expect(created.status, created.text).toBe(201)
    const id: string = created.body.invoice.id
    const paid = async () => (await adminApi(`/admin/debtor-invoices/${id}`)).body.invoice.paid_total
    await keepsTheRules(`/admin/debtor-invoices/${id}/payments`, { amount: 300, method: "cash" }, { amount: 400, method: "cash" }, paid, 201)
    expect(await paid()).toBe(300)
  })
})
