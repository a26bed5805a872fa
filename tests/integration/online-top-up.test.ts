/**
 * Online top-up over HTTP: blank vouchers created in batches in the admin,
 * loaded with serial plus PIN only (a serial alone loads nothing, wrong PINs
 * lock the serial), credited on capture once per payment; a prepaid card
 * topped up by its number by a guest.
 */
import { beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi, adminToken, api } from "../support/api"
import { emitAgain } from "../support/events"
import { uniqueAddress } from "../support/mail"
import { pdfText } from "../support/pdf"
import { createTerminal, posApi } from "../support/pos"
import { capture, payAndComplete } from "../support/shop"

let tillKey: string
let prepaidKey: string

beforeAll(async () => {
  tillKey = (await createTerminal({ scopes: ["gift_card"] })).key
  prepaidKey = (await createTerminal({ scopes: ["prepaid_charge", "prepaid_topup"] })).key
})

const ip = () => `10.81.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`

async function batch(count: number): Promise<{ serial: string; code: string; pin: string }[]> {
  const res = await adminApi("/admin/voucher-shop/blank-batches", { body: { name: `Table cards ${Date.now()}`, currency_code: "eur", count } })
  expect(res.status, res.text).toBe(201)
  expect(res.body.vouchers).toHaveLength(count)
  return res.body.vouchers
}

function loadBlank(body: Record<string, unknown>, from = ip()) {
  return api("/store/top-up/blank-voucher", { body: { amount: 2000, email: uniqueAddress("loader"), ...body }, headers: { "x-forwarded-for": from } })
}

async function voucherBalance(code: string): Promise<{ status: number; balance?: number; state?: string }> {
  const res = await posApi(`/store/pos/gift-cards/${encodeURIComponent(code)}`, { key: tillKey })
  return { status: res.status, balance: res.body?.gift_card?.balance, state: res.body?.gift_card?.status }
}

describe("blank vouchers", { timeout: 90_000 }, () => {
  it("are created inactive with consecutive serials, random codes and PINs", async () => {
    const vouchers = await batch(3)
    expect(Number(vouchers[1].serial)).toBe(Number(vouchers[0].serial) + 1)
    expect(new Set(vouchers.map((v) => v.pin)).size).toBeGreaterThan(1)
    for (const v of vouchers) {
      expect(v.pin).toMatch(/^\d{8}$/)
      expect(v.code).not.toContain(v.serial)
    }
    const state = await voucherBalance(vouchers[0].code)
    expect(state).toEqual(expect.objectContaining({ status: 200, state: "inactive", balance: 0 }))
    const list = await adminApi("/admin/voucher-shop/blank-batches")
    expect(list.body.batches[0]).toEqual(expect.objectContaining({ count: 3, loaded: 0 }))
  })

  it("refuses overlapping serials and bad input", async () => {
    const [first] = await batch(1)
    const overlap = await adminApi("/admin/voucher-shop/blank-batches", { body: { name: "Again", currency_code: "eur", count: 2, first_serial: Number(first.serial) } })
    expect(overlap.status, overlap.text).toBe(409)
    for (const body of [{ name: "x", currency_code: "eur", count: 0 }, { name: "x", currency_code: "eur", count: 1001 }, { name: "", currency_code: "eur", count: 1 }]) {
      expect((await adminApi("/admin/voucher-shop/blank-batches", { body })).status).toBe(400)
    }
  })

  it("loads only with its PIN, credits on capture once per payment, and can be loaded again with a new payment", async () => {
    const [blank] = await batch(1)
    const wrong = await loadBlank({ serial: blank.serial, pin: blank.pin === "00000000" ? "11111111" : "00000000" })
    expect(wrong.status, wrong.text).toBe(422)
    expect(wrong.body.type).toBe("invalid_pin")

    const cart = await loadBlank({ serial: blank.serial, pin: blank.pin, amount: 2000 })
    expect(cart.status, cart.text).toBe(201)
    expect(cart.body.total).toBe(2000)
    const orderId = await payAndComplete(cart.body.cart_id)
    await emitAgain("order.payment_captured", { id: orderId })
    expect((await voucherBalance(blank.code)).state).toBe("inactive")

    await capture(orderId)
    await expect.poll(async () => (await voucherBalance(blank.code)).balance, { timeout: 20_000, interval: 200 }).toBe(2000)
    await emitAgain("order.payment_captured", { id: orderId }, 4)
    expect(await voucherBalance(blank.code)).toEqual(expect.objectContaining({ state: "active", balance: 2000 }))

    const again = await loadBlank({ serial: blank.serial, pin: blank.pin, amount: 1500 })
    expect(again.status, again.text).toBe(201)
    const second = await payAndComplete(again.body.cart_id)
    await capture(second)
    await expect.poll(async () => (await voucherBalance(blank.code)).balance, { timeout: 20_000, interval: 200 }).toBe(3500)
    // Spent at the till with its code (the serial is not a code that pays).
    const redeem = await posApi(`/store/pos/gift-cards/${encodeURIComponent(blank.code)}/redeem`, { key: tillKey, body: { amount: 500 } })
    expect(redeem.status, redeem.text).toBe(200)
  })

  it("locks a serial after five wrong PINs, also for the right PIN, from any address", async () => {
    const [blank] = await batch(1)
    const wrongPin = blank.pin === "12345678" ? "87654321" : "12345678"
    for (let i = 0; i < 5; i++) {
      const res = await loadBlank({ serial: blank.serial, pin: wrongPin })
      expect(res.status, res.text).toBe(422)
    }
    const locked = await loadBlank({ serial: blank.serial, pin: blank.pin })
    expect(locked.status, locked.text).toBe(429)
    expect(locked.body.type).toBe("serial_locked")
    expect((await voucherBalance(blank.code)).state).toBe("inactive")
  })

  it("counts five wrong PINs sent at once exactly, and none of them loads anything", async () => {
    const [blank] = await batch(1)
    const wrongPin = blank.pin === "12345678" ? "87654321" : "12345678"
    const answers = await Promise.all(Array.from({ length: 8 }, () => loadBlank({ serial: blank.serial, pin: wrongPin })))
    expect(answers.every((a) => a.status === 422 || a.status === 429)).toBe(true)
    expect(answers.filter((a) => a.status === 422)).toHaveLength(5)
  })

  it("refuses an unknown serial like a wrong PIN, and an amount outside the limits", async () => {
    const unknown = await loadBlank({ serial: "999999999999", pin: "12345678" })
    expect(unknown.status).toBe(422)
    expect(unknown.body.type).toBe("invalid_pin")
    const [blank] = await batch(1)
    const tooMuch = await loadBlank({ serial: blank.serial, pin: blank.pin, amount: 10_000_000 })
    expect(tooMuch.status, tooMuch.text).toBe(422)
    for (const body of [{ serial: "abc", pin: "12345678" }, { serial: blank.serial, pin: "x" }, { serial: blank.serial, pin: blank.pin, amount: 1.5 }]) {
      expect((await loadBlank(body)).status).toBe(400)
    }
  })
})

describe("prepaid card top-up by number", { timeout: 90_000 }, () => {
  it("tops up a prepaid card by its number as a guest, credited once on capture", async () => {
    const issued = await posApi("/store/pos/prepaid-cards", { key: prepaidKey, body: { currency_code: "EUR" } })
    expect(issued.status, issued.text).toBe(201)
    const card = issued.body.prepaid_card
    const cart = await api("/store/top-up/prepaid-card", { body: { number: card.code, amount: 2500, email: uniqueAddress("guest") }, headers: { "x-forwarded-for": ip() } })
    expect(cart.status, cart.text).toBe(201)
    expect(cart.body).toEqual(expect.objectContaining({ total: 2500, currency_code: "eur" }))
    const orderId = await payAndComplete(cart.body.cart_id)
    const balance = async () => (await adminApi(`/admin/prepaid-cards/${card.id}`)).body.prepaid_card.balance
    expect(await balance()).toBe(0)
    await capture(orderId)
    await expect.poll(balance, { timeout: 20_000, interval: 200 }).toBe(2500)
    await emitAgain("order.payment_captured", { id: orderId }, 3)
    expect(await balance()).toBe(2500)
  })

  it("answers an unknown number with 404 and bad input with 400", async () => {
    const from = ip()
    expect((await api("/store/top-up/prepaid-card", { body: { number: "UNKNOWN-NUMBER-123456", amount: 100, email: uniqueAddress("g") }, headers: { "x-forwarded-for": from } })).status).toBe(404)
    expect((await api("/store/top-up/prepaid-card", { body: { number: "x", amount: -1, email: "no" }, headers: { "x-forwarded-for": from } })).status).toBe(400)
  })
})

/** An admin download as bytes (the api helper reads text). */
async function adminPdf(path: string): Promise<{ status: number; type: string | null; pdf: Buffer }> {
  const res = await fetch(`${inject("baseUrl")}${path}`, { headers: { authorization: `Bearer ${await adminToken()}` } })
  return { status: res.status, type: res.headers.get("content-type"), pdf: Buffer.from(await res.arrayBuffer()) }
}

/** The PIN as the sheet prints it under the scratch field: in groups of four. */
const printed = (pin: string) => pin.replace(/(\d{4})(?=\d)/g, "$1 ")

describe("the blank-voucher print sheet", { timeout: 90_000 }, () => {
  it("prints the serials and PINs of its batch, and none of another batch", async () => {
    const made = await adminApi("/admin/voucher-shop/blank-batches", { body: { name: `Sheet ${Date.now()}`, currency_code: "eur", count: 10 } })
    expect(made.status, made.text).toBe(201)
    const other = await batch(2)
    const sheet = await adminPdf(`/admin/voucher-shop/blank-batches/${made.body.batch.id}/sheet?locale=en`)
    expect(sheet.status, sheet.pdf.toString("utf8").slice(0, 200)).toBe(200)
    expect(sheet.type).toContain("application/pdf")
    const text = await pdfText(sheet.pdf)
    for (const v of made.body.vouchers as { serial: string; pin: string; code: string }[]) {
      expect(text).toContain(v.serial)
      expect(text).toContain(printed(v.pin))
      expect(text).toContain(v.code)
    }
    for (const v of other) {
      expect(text).not.toContain(v.serial)
      expect(text).not.toContain(printed(v.pin))
    }
    // Ten vouchers at eight a sheet: two pages, each with the scratch field and the top-up address.
    expect(sheet.pdf.toString("latin1").match(/\/Type\s*\/Page\b/g)).toHaveLength(2)
    expect(text).toContain("PIN (scratch to reveal)")
    expect(text).toContain("/embed/top-up")
  })

  it("answers 404 for an unknown batch and 400 for a bad query", async () => {
    expect((await adminPdf("/admin/voucher-shop/blank-batches/gcbb_unknown/sheet")).status).toBe(404)
    const made = await adminApi("/admin/voucher-shop/blank-batches", { body: { name: `Sheet ${Date.now()}`, currency_code: "eur", count: 1 } })
    expect((await adminPdf(`/admin/voucher-shop/blank-batches/${made.body.batch.id}/sheet?locale=fr`)).status).toBe(400)
  })
})
