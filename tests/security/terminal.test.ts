/**
 * Security (issue 20): what a terminal key can do, over HTTP against the
 * running server. A till looks customers up, it cannot list them; a key sees
 * only the cards its scopes cover; a till reverses only its own location's
 * recent till movements, and a reversal racing a refund returns the money
 * once; the server's log holds no codes, tokens, e-mail addresses or names; a key
 * that guesses codes is throttled alone, never the other tills behind its address.
 */
import { randomInt, randomUUID } from "crypto"
import fs from "fs"
import path from "path"

import { Client } from "pg"
import { beforeAll, describe, expect, inject, it } from "vitest"

import { CODE_ALPHABET, generateCode } from "../../src/plugins/ledger/src/utils/codes"
import { adminApi, api } from "../support/api"
import { signUp } from "../support/customers"
import { eventually } from "../support/eventually"
import { uniqueAddress } from "../support/mail"
import { clientIp, createTerminal, posApi } from "../support/pos"
import { LOG_DIR } from "../support/server"
import { demoShop } from "../support/shop"

type TillCustomer = { id: string; email: string | null; phone: string | null; points: number; cards: { code: string }[] } & Record<string, unknown>

const lastName = () => `Terminal${randomUUID().replace(/-/g, "").slice(0, 8)}`

describe("terminal: customer search is a lookup, not a listing", () => {
  let till: string

  beforeAll(async () => {
    till = (await createTerminal({ scopes: ["loyalty"] })).key
  })

  async function member(extra: Record<string, unknown> = {}) {
    const body = { first_name: "Greta", last_name: lastName(), email: uniqueAddress("search"), phone: `+49 30 ${Math.floor(1e6 + Math.random() * 8e6)}`, birthday: "1984-03-09", ...extra }
    const res = await posApi("/store/pos/customers", { key: till, body })
    expect(res.status, res.text).toBe(201)
    return { ...body, customer: res.body.customer as { id: string }, card: res.body.card as { code: string } }
  }

  it("refuses a search without a specific term with 400: no term, one letter, a name alone, a page beyond 10, an offset", async () => {
    await member()
    for (const query of ["", "?q=a", "?name=Gre", `?name=Greta&limit=5`, "?birthday=1984-03-09", "?name=Gr&birthday=1984-03-09", "?q=x@y.de&limit=11", "?q=x@y.de&offset=200"]) {
      const res = await posApi(`/store/pos/customers${query}`, { key: till })
      expect(res.status, `${query}: ${res.text}`).toBe(400)
      expect(res.body).toEqual({ type: "invalid_request", message: expect.any(String) })
    }
  })

  it("finds a member by exact e-mail or phone without the birthday and without any card code", async () => {
    const m = await member()
    const byEmail = await posApi(`/store/pos/customers?q=${encodeURIComponent(m.email.toUpperCase())}`, { key: till })
    expect(byEmail.status, byEmail.text).toBe(200)
    expect(byEmail.body.customers).toEqual([expect.objectContaining({ id: m.customer.id, email: m.email, points: 0, cards: [] })])
    expect(byEmail.body.customers[0]).not.toHaveProperty("birthday")
    expect(byEmail.text).not.toContain(m.card.code)
    expect(byEmail.text).not.toContain(m.birthday)

    const byPhone = await posApi(`/store/pos/customers?q=${encodeURIComponent(m.phone.replace(/ /g, "-"))}`, { key: till })
    expect(byPhone.status, byPhone.text).toBe(200)
    expect(byPhone.body.customers.map((c: TillCustomer) => c.id)).toEqual([m.customer.id])
    expect(byPhone.text).not.toContain(m.card.code)

    // Part of an address is no specific term.
    const partial = await posApi(`/store/pos/customers?q=${encodeURIComponent(m.email.slice(0, 12))}`, { key: till })
    expect(partial.status).toBe(404)
  })

  it("shows, of a member's cards, only the one that was scanned", async () => {
    const m = await member({ card_code: `04${randomUUID().replace(/-/g, "").slice(0, 12).toUpperCase()}` })
    const second = await adminApi(`/admin/loyalty/customers/${m.customer.id}/cards`, { body: {} })
    expect(second.status, second.text).toBe(201)
    const scanned = await posApi(`/store/pos/customers?q=${encodeURIComponent(m.card.code)}`, { key: till })
    expect(scanned.status, scanned.text).toBe(200)
    expect(scanned.body.customers).toEqual([expect.objectContaining({ id: m.customer.id, cards: [expect.objectContaining({ code: m.card.code })] })])
    expect(scanned.text).not.toContain(second.body.card.code)
  })

  it("finds a member by three letters of the name only together with the birthday", async () => {
    const m = await member()
    // Part of the name, lower case: "al" and the 8 random characters (the first random character alone
    // matched another test's member of the same birthday one time in 16).
    const found = await posApi(`/store/pos/customers?name=${encodeURIComponent(m.last_name.slice(6).toLowerCase())}&birthday=1984-03-09`, { key: till })
    expect(found.status, found.text).toBe(200)
    expect(found.body.customers.map((c: TillCustomer) => c.id)).toEqual([m.customer.id])
    expect(found.body.customers[0]).not.toHaveProperty("birthday")
    const wrongDay = await posApi(`/store/pos/customers?name=${encodeURIComponent(m.last_name)}&birthday=1984-03-10`, { key: till })
    expect(wrongDay.status).toBe(404)
  })

  it("answers at most 10 customers however many match", async () => {
    const name = lastName()
    for (let i = 0; i < 11; i++) {
      await member({ last_name: name, email: uniqueAddress(`many${i}`), birthday: "1991-11-11" })
    }
    const found = await posApi(`/store/pos/customers?name=${name}&birthday=1991-11-11`, { key: till })
    expect(found.status, found.text).toBe(200)
    expect(found.body.customers).toHaveLength(10)
  })

  it("counts searches that find nothing like guessed codes: the key waits, another key does not", async () => {
    const guesser = (await createTerminal({ scopes: ["loyalty"] })).key
    const m = await member()
    const statuses: number[] = []
    for (let i = 0; i < 60 && !statuses.includes(429); i++) {
      const res = await posApi(`/store/pos/customers?q=${encodeURIComponent(uniqueAddress(`guess${i}`))}`, { key: guesser })
      statuses.push(res.status)
    }
    expect(statuses[0]).toBe(404)
    expect(statuses).toContain(429)
    // Blocked now, even for a term that would be found.
    const blocked = await posApi(`/store/pos/customers?q=${encodeURIComponent(m.email)}`, { key: guesser })
    expect(blocked.status).toBe(429)
    const other = await posApi(`/store/pos/customers?q=${encodeURIComponent(m.email)}`, { key: till })
    expect(other.status, other.text).toBe(200)
  })

  it("never attaches a till registration to an existing customer, answering 409 without personal data", async () => {
    // A guest of the web shop (Medusa creates the customer from the cart's e-mail) and a registered shopper.
    const guestEmail = uniqueAddress("guest")
    const regions = await api("/store/regions")
    const regionId = regions.body.regions.find((r: { currency_code: string }) => r.currency_code === "eur").id
    const cart = await api("/store/carts", { body: { region_id: regionId } })
    expect((await api(`/store/carts/${cart.body.cart.id}`, { body: { email: guestEmail } })).status).toBe(200)
    const guests = await adminApi(`/admin/customers?q=${encodeURIComponent(guestEmail)}`)
    const guest = guests.body.customers.find((c: { email: string }) => c.email === guestEmail)
    expect(guest, guests.text).toBeTruthy()
    const shopper = await signUp({ first_name: "Shira", last_name: lastName() })

    for (const who of [
      { email: guestEmail, id: guest.id },
      { email: shopper.email, id: shopper.id },
    ]) {
      const res = await posApi("/store/pos/customers", { key: till, body: { first_name: "Mallory", last_name: "Till", email: who.email } })
      expect(res.status, res.text).toBe(409)
      expect(res.body).toEqual({ type: "customer_exists", message: expect.any(String) })
      expect(res.text).not.toContain(who.id)
      expect(res.text).not.toContain(who.email)
      expect(res.text).not.toContain("Shira")
    }
    // The guest did not become a member through the till.
    expect((await posApi(`/store/pos/customers?q=${encodeURIComponent(guestEmail)}`, { key: till })).status).toBe(404)
    // The back office still may enrol them.
    const office = await adminApi("/admin/loyalty/customers", { body: { first_name: "Gina", last_name: "Guest", email: guestEmail } })
    expect(office.status, office.text).toBe(201)
    expect(office.body.customer.id).toBe(guest.id)
  })
})

describe("terminal: a card answers only keys whose scopes cover its kind", () => {
  let voucherTill: string
  let voucherCode: string
  let prepaidCode: string

  beforeAll(async () => {
    voucherTill = (await createTerminal({ scopes: ["gift_card"] })).key
    const sold = await posApi("/store/pos/gift-cards", { key: voucherTill, body: { amount: 2500, currency_code: "eur" } })
    expect(sold.status, sold.text).toBe(201)
    voucherCode = sold.body.gift_card.code
    const issuer = (await createTerminal({ scopes: ["prepaid_charge", "prepaid_topup"] })).key
    const prepaid = await posApi("/store/pos/prepaid-cards", { key: issuer, body: { currency_code: "eur" } })
    expect(prepaid.status, prepaid.text).toBe(201)
    prepaidCode = prepaid.body.prepaid_card.code
  })

  const scan = (code: string, key: string) => posApi(`/store/pos/cards/${encodeURIComponent(code)}`, { key })

  it("answers a feedback tablet's key for a voucher exactly like an unknown code", async () => {
    const tablet = (await createTerminal({ scopes: ["feedback"] })).key
    const unknown = await scan(`NOPE-${randomUUID().slice(0, 8)}`, tablet)
    const voucher = await scan(voucherCode, tablet)
    expect(voucher.status).toBe(404)
    expect(voucher.text).toBe(unknown.text)
    expect(voucher.text).not.toContain("2500")
    // The voucher's own till sees it.
    const own = await scan(voucherCode, voucherTill)
    expect(own.status, own.text).toBe(200)
    expect(own.body.card.accounts).toEqual([expect.objectContaining({ kind: "gift_card", balance: 2500 })])
  })

  it("shows vouchers to gift_card keys only and prepaid cards to prepaid keys only", async () => {
    const charge = (await createTerminal({ scopes: ["prepaid_charge"] })).key
    const topUp = (await createTerminal({ scopes: ["prepaid_topup"] })).key
    const loyalty = (await createTerminal({ scopes: ["loyalty", "debtor"] })).key
    expect((await scan(voucherCode, charge)).status).toBe(404)
    expect((await scan(voucherCode, loyalty)).status).toBe(404)
    expect((await scan(prepaidCode, voucherTill)).status).toBe(404)
    expect((await scan(prepaidCode, loyalty)).status).toBe(404)
    for (const key of [charge, topUp]) {
      const seen = await scan(prepaidCode, key)
      expect(seen.status, seen.text).toBe(200)
      expect(seen.body.card.kind).toBe("prepaid_card")
    }
  })

  it("shows a customer card's points to loyalty keys and its customer account to debtor keys, nothing to others", async () => {
    const email = uniqueAddress("both")
    const created = await adminApi("/admin/customers", { body: { email, first_name: "Dora", last_name: lastName(), password: randomUUID() } })
    expect(created.status, created.text).toBe(201)
    const opened = await adminApi("/admin/customer-accounts", { body: { customer_id: created.body.customer.id, currency_code: "eur", credit_limit: 5000 } })
    expect(opened.status, opened.text).toBe(201)
    const code = opened.body.account.card_code
    // The shopper's points account comes with the sign-up; wait until it is there.
    const [loyaltyKey, debtorKey] = [(await createTerminal({ scopes: ["loyalty"] })).key, (await createTerminal({ scopes: ["debtor"] })).key]
    const asLoyalty = await eventually(
      () => scan(code, loyaltyKey),
      (r) => r.status === 200 && r.body.card.accounts.length > 0
    )
    expect(asLoyalty.body.card.accounts.map((a: { kind: string }) => a.kind)).toEqual(["points"])
    const asDebtor = await scan(code, debtorKey)
    expect(asDebtor.status, asDebtor.text).toBe(200)
    expect(asDebtor.body.card.accounts.map((a: { kind: string }) => a.kind)).toEqual(["customer_account"])
    const both = await scan(code, (await createTerminal({ scopes: ["loyalty", "debtor"] })).key)
    expect(both.body.card.accounts.map((a: { kind: string }) => a.kind).sort()).toEqual(["customer_account", "points"])
    expect((await scan(code, voucherTill)).status).toBe(404)
  })
})

describe("terminal: reversal only of a till's own recent movements", () => {
  let till: { key: string; location: { id: string } }
  let regionId: string
  let variantId: string

  beforeAll(async () => {
    till = await createTerminal({ scopes: ["gift_card", "loyalty", "debtor"] })
    const shop = await demoShop()
    regionId = shop.regionId
    variantId = shop.variantId
  })

  async function sell(amount: number): Promise<{ id: string; code: string; transactionId: string }> {
    const res = await posApi("/store/pos/gift-cards", { key: till.key, body: { amount, currency_code: "eur" } })
    expect(res.status, res.text).toBe(201)
    return { id: res.body.gift_card.id, code: res.body.gift_card.code, transactionId: res.body.transaction.id }
  }

  async function voucher(id: string): Promise<{ balance: number; transactions: { id: string; type: string; amount: number }[] }> {
    const res = await adminApi(`/admin/vouchers/${id}?limit=200`)
    expect(res.status, res.text).toBe(200)
    return { balance: res.body.gift_card.balance, transactions: res.body.transactions }
  }

  const reverse = (id: string, key = till.key) => posApi(`/store/pos/transactions/${id}/reverse`, { key, body: {} })

  /** A web order of `quantity` daily menus paid with the voucher first, the rest manually → its id. */
  async function webOrder(code: string, quantity = 1): Promise<string> {
    const created = await api("/store/carts", { body: { region_id: regionId } })
    const id = created.body.cart.id
    expect((await api(`/store/carts/${id}/line-items`, { body: { variant_id: variantId, quantity } })).status).toBe(200)
    const address = { first_name: "Ada", last_name: "Lovelace", address_1: "Hauptstr. 1", city: "Berlin", postal_code: "10115", country_code: "de" }
    expect((await api(`/store/carts/${id}`, { body: { email: "ada@example.com", shipping_address: address } })).status).toBe(200)
    const options = await api(`/store/shipping-options/${id}`)
    expect((await api(`/store/carts/${id}/shipping-methods`, { body: { option_id: options.body.shipping_options[0].id } })).status).toBe(200)
    const applied = await api(`/store/carts/${id}/vouchers`, { body: { code }, headers: { "x-forwarded-for": clientIp() } })
    expect(applied.status, applied.text).toBe(200)
    expect((await api(`/store/carts/${id}/payment-sessions`, { method: "POST" })).status).toBe(200)
    expect((await api(`/store/carts/${id}/payment-session`, { body: { provider_id: "manual" } })).status).toBe(200)
    const done = await api(`/store/carts/${id}/complete`, { method: "POST" })
    expect(done.status, done.text).toBe(200)
    expect(done.body.type).toBe("order")
    return done.body.data.id
  }

  const refund = (orderId: string, amount: number) =>
    adminApi(`/admin/vouchers/orders/${orderId}/refund`, { body: { amount, reference: "dish missing" }, headers: { "idempotency-key": randomUUID() } })

  it("reverses a redemption made at another till of the same location today", async () => {
    const v = await sell(1000)
    const redeemed = await posApi(`/store/pos/gift-cards/${v.code}/redeem`, { key: till.key, body: { amount: 300 } })
    expect(redeemed.status, redeemed.text).toBe(200)
    const neighbour = await createTerminal({ scopes: ["gift_card"], location_id: till.location.id })
    const res = await reverse(redeemed.body.transaction.id, neighbour.key)
    expect(res.status, res.text).toBe(200)
    expect((await voucher(v.id)).balance).toBe(1000)
  })

  it("refuses with 422 a movement made at another location, changing nothing", async () => {
    const v = await sell(1000)
    const redeemed = await posApi(`/store/pos/gift-cards/${v.code}/redeem`, { key: till.key, body: { amount: 400 } })
    const elsewhere = (await createTerminal({ scopes: ["gift_card"] })).key
    const res = await reverse(redeemed.body.transaction.id, elsewhere)
    expect(res.status, res.text).toBe(422)
    expect(res.body.type).toBe("not_reversible")
    expect((await voucher(v.id)).balance).toBe(600)
  })

  it("refuses with 422 a movement older than the business day", async () => {
    const v = await sell(1000)
    const redeemed = await posApi(`/store/pos/gift-cards/${v.code}/redeem`, { key: till.key, body: { amount: 250 } })
    const client = new Client({ connectionString: inject("databaseUrl") })
    await client.connect()
    try {
      // The ledger is append-only (a trigger): step around it for this one row, as time would.
      await client.query(`SET session_replication_role = replica`)
      await client.query(`UPDATE ledger_transaction SET created_at = now() - interval '2 days' WHERE id = $1`, [redeemed.body.transaction.id])
    } finally {
      await client.end()
    }
    const res = await reverse(redeemed.body.transaction.id)
    expect(res.status, res.text).toBe(422)
    expect(res.body.type).toBe("not_reversible")
    expect((await voucher(v.id)).balance).toBe(750)
  })

  it("refuses with 422 the back office's movements: a voucher reload, points granted or deducted", async () => {
    const v = await sell(500)
    const reloaded = await adminApi(`/admin/vouchers/${v.id}/reload`, { body: { amount: 700 }, headers: { "idempotency-key": randomUUID() } })
    expect(reloaded.status, reloaded.text).toBe(200)
    const reload = (await voucher(v.id)).transactions.find((t) => t.type === "load")!
    expect((await reverse(reload.id)).status).toBe(422)
    expect((await voucher(v.id)).balance).toBe(1200)

    const reg = await posApi("/store/pos/customers", { key: till.key, body: { first_name: "Pam", last_name: lastName() } })
    expect(reg.status, reg.text).toBe(201)
    for (const points of [500, -100]) {
      const adjusted = await adminApi(`/admin/loyalty/customers/${reg.body.customer.id}/adjust`, { body: { points, reason: "goodwill" } })
      expect(adjusted.status, adjusted.text).toBe(200)
      const res = await reverse(adjusted.body.transaction.id)
      expect(res.status, res.text).toBe(422)
      expect(res.body.type).toBe("not_reversible")
    }
    const scanned = await posApi(`/store/pos/customers/${reg.body.card.code}`, { key: till.key })
    expect(scanned.body.points).toBe(400)
  })

  it("reverses a customer-account charge at the same location the same day (a storno)", async () => {
    const email = uniqueAddress("storno")
    const created = await adminApi("/admin/customers", { body: { email, first_name: "Sten", last_name: lastName(), password: randomUUID() } })
    const opened = await adminApi("/admin/customer-accounts", { body: { customer_id: created.body.customer.id, currency_code: "eur", credit_limit: 2000 } })
    expect(opened.status, opened.text).toBe(201)
    const charged = await posApi(`/store/pos/customer-accounts/${opened.body.account.card_code}/charge`, { key: till.key, body: { amount: 800 } })
    expect(charged.status, charged.text).toBe(200)
    const elsewhere = (await createTerminal({ scopes: ["debtor"] })).key
    expect((await reverse(charged.body.transaction.id, elsewhere)).status).toBe(422)
    const storno = await reverse(charged.body.transaction.id)
    expect(storno.status, storno.text).toBe(200)
    expect((await adminApi(`/admin/customer-accounts/${opened.body.account.id}`)).body.account.balance).toBe(0)
  })

  it("refuses a web order's voucher payment, also while the back office refunds it: the money comes back once", async () => {
    const v = await sell(600)
    const orderId = await webOrder(v.code)
    const debit = (await voucher(v.id)).transactions.find((t) => t.type === "redeem")!
    expect(debit.amount).toBe(-600)

    const [reversal, refunded] = await Promise.all([reverse(debit.id), refund(orderId, 600)])
    expect(reversal.status, reversal.text).toBe(422)
    expect(reversal.body.type).toBe("not_reversible")
    expect(refunded.status, refunded.text).toBe(200)
    // After the refund the till still cannot take it back a second time.
    expect((await reverse(debit.id)).status).toBe(422)
    expect((await voucher(v.id)).balance).toBe(600)
  })

  it("returns a till redemption and a refund of the same voucher each once when they race", async () => {
    for (let round = 0; round < 3; round++) {
      // The voucher pays part of a web order (all it holds), then is reloaded and spent at the till.
      const v = await sell(500)
      const orderId = await webOrder(v.code)
      expect((await voucher(v.id)).balance).toBe(0)
      expect((await posApi(`/store/pos/gift-cards/${v.code}/reload`, { key: till.key, body: { amount: 1000 } })).status).toBe(200)
      const redeemed = await posApi(`/store/pos/gift-cards/${v.code}/redeem`, { key: till.key, body: { amount: 300 } })
      expect(redeemed.status, redeemed.text).toBe(200)

      const [reversal, refunded, again] = await Promise.all([reverse(redeemed.body.transaction.id), refund(orderId, 500), reverse(redeemed.body.transaction.id)])
      expect(reversal.status, reversal.text).toBe(200)
      expect(again.status, again.text).toBe(200)
      expect(again.body.transaction.id).toBe(reversal.body.transaction.id)
      expect(refunded.status, refunded.text).toBe(200)
      const after = await voucher(v.id)
      expect(after.balance).toBe(1500)
      expect(after.transactions.filter((t) => t.type === "reverse")).toHaveLength(1)
      // A second refund finds nothing left to give back.
      expect((await refund(orderId, 1)).status).toBe(422)
    }
    const verified = await adminApi("/admin/ledger/verify")
    expect(verified.body.mismatches).toEqual([])
  })
})

describe("terminal: logs hold no codes, tokens, e-mail addresses or names", () => {
  it("redacts the codes in paths, the query values and the referrer of the access log", async () => {
    const till = await createTerminal({ scopes: ["gift_card", "loyalty"] })
    const sold = await posApi("/store/pos/gift-cards", { key: till.key, body: { amount: 100, currency_code: "eur" } })
    expect(sold.status, sold.text).toBe(201)
    const code: string = sold.body.gift_card.code
    const email = uniqueAddress("logged")
    const name = lastName()
    const token = `tok${randomUUID().replace(/-/g, "")}`
    const marker = `mark${randomUUID().replace(/-/g, "").slice(0, 12)}`

    const registered = await posApi("/store/pos/customers", { key: till.key, body: { first_name: "Lou", last_name: name, email, birthday: "1970-01-02" } })
    expect(registered.status, registered.text).toBe(201)
    const cardCode: string = registered.body.card.code
    expect((await posApi(`/store/pos/cards/${encodeURIComponent(code)}`, { key: till.key })).status).toBe(200)
    expect((await posApi(`/store/pos/customers/${encodeURIComponent(cardCode)}`, { key: till.key })).status).toBe(200)
    expect((await posApi(`/store/pos/customers?q=${encodeURIComponent(email)}`, { key: till.key })).status).toBe(200)
    expect((await adminApi(`/admin/loyalty/customers?q=${encodeURIComponent(name)}`)).status).toBe(200)
    await posApi(`/store/pos/loyalty/${encodeURIComponent(cardCode)}/earn`, { key: till.key, body: { amount: 100, currency_code: "eur", reference: "r" } })
    await api(`/store/loyalty/unsubscribe?customer_id=${registered.body.customer.id}&token=${token}`)
    await api(`/store/gift-cards/${encodeURIComponent(code)}`, { headers: { referer: `https://shop.example/voucher?code=${encodeURIComponent(code)}&email=${encodeURIComponent(email)}` } })
    // Last, and not secret, so it stays readable: once its line is in the log, every line before it is too.
    await api(`/store/log-marker-${marker}`)

    const logFile = path.join(LOG_DIR, "main.log")
    const log = await eventually(
      async () => fs.readFileSync(logFile, "utf-8"),
      (text) => text.includes(`/store/log-marker-${marker}`)
    )
    for (const secret of [code, cardCode, email, encodeURIComponent(email), name, token]) {
      expect(log, `the log holds ${secret}`).not.toContain(secret)
    }
    expect(log).toMatch(/"GET \/store\/pos\/customers\?q=\[redacted\] HTTP/)
    expect(log).toMatch(/\/store\/loyalty\/unsubscribe\?customer_id=\[redacted\]&token=\[redacted\]/)
  })
})

describe("terminal: guessing and throttling", () => {
  /** Default limits of the test server: POS_MISSES_PER_KEY 25, POS_MISSES_PER_IP 100. */
  const PER_KEY = 25
  const PER_IP = 100
  let seller: string
  let knownCode: string

  beforeAll(async () => {
    seller = (await createTerminal({ scopes: ["gift_card", "prepaid_charge", "loyalty"] })).key
    const sold = await posApi("/store/pos/gift-cards", { key: seller, body: { amount: 1000, currency_code: "eur" } })
    expect(sold.status, sold.text).toBe(201)
    knownCode = sold.body.gift_card.code
  })

  const unknown = () => `NOPE-${randomUUID().slice(0, 12)}`
  const lookup = (key: string, code: string, ip: string, headers: Record<string, string> = {}) =>
    posApi(`/store/pos/cards/${encodeURIComponent(code)}`, { key, headers: { "x-forwarded-for": ip, ...headers } })
  /** Sequential calls, so the answers come in the order the limiter counted them. */
  async function repeat<T>(n: number, call: (i: number) => Promise<T>): Promise<T[]> {
    const out: T[] = []
    for (let i = 0; i < n; i++) out.push(await call(i))
    return out
  }

  it("blocks only the guessing key: tills behind one router (one IP) go on working, on known and unknown codes", async () => {
    const nat = clientIp()
    const a = (await createTerminal({ scopes: ["gift_card"] })).key
    const b = (await createTerminal({ scopes: ["gift_card"] })).key

    // More misses than the per-IP limit, all from the address every till of the restaurant shares.
    const guesses = await Promise.all(Array.from({ length: PER_IP + 20 }, () => lookup(a, unknown(), nat)))
    expect(guesses.filter((r) => r.status === 404)).toHaveLength(PER_KEY)
    expect(guesses.filter((r) => r.status === 429)).toHaveLength(PER_IP + 20 - PER_KEY)

    // Key A is blocked for every lookup: a known code answers exactly as an unknown one does.
    const knownForA = await lookup(a, knownCode, nat)
    const unknownForA = await lookup(a, unknown(), nat)
    expect(knownForA.status).toBe(429)
    expect(Number(knownForA.headers.get("retry-after"))).toBeGreaterThan(0)
    expect(unknownForA.status).toBe(429)
    expect(knownForA.body).toEqual(unknownForA.body)

    // Key B on the same IP is not throttled because of A.
    const knownForB = await lookup(b, knownCode, nat)
    expect(knownForB.status, knownForB.text).toBe(200)
    expect(knownForB.body.card.kind).toBe("gift_card")
    const unknownForB = await lookup(b, unknown(), nat)
    expect(unknownForB.status).toBe(404)
  })

  it("counts X-Staff-Card guesses against the key", async () => {
    const key = (await createTerminal({ scopes: ["gift_card"] })).key
    const ip = clientIp()
    const answers = await repeat(PER_KEY + 2, () => lookup(key, knownCode, ip, { "x-staff-card": `GUESS-${randomUUID().slice(0, 8)}` }))
    expect(answers.slice(0, PER_KEY).map((r) => r.body.type)).toEqual(Array(PER_KEY).fill("unknown_staff_card"))
    expect(answers.slice(PER_KEY).map((r) => r.status)).toEqual([429, 429])
    // Blocked: the card's lookup waits too, without a staff card as well.
    expect((await lookup(key, knownCode, ip)).status).toBe(429)
  })

  it.each([
    ["a voucher sale", "/store/pos/gift-cards", (code: string) => ({ amount: 100, currency_code: "eur", code })],
    ["a prepaid card issue", "/store/pos/prepaid-cards", (code: string) => ({ currency_code: "eur", code })],
    ["a customer registration", "/store/pos/customers", (code: string) => ({ first_name: "Guess", last_name: "Er", card_code: code })],
  ])("counts 409 code_taken on %s as a miss", async (_what, path, body) => {
    const key = (await createTerminal({ scopes: ["gift_card", "prepaid_charge", "loyalty"] })).key
    const answers = await repeat(PER_KEY + 2, () => posApi(path, { key, body: body(knownCode) }))
    expect(answers.slice(0, PER_KEY).map((r) => r.body.type)).toEqual(Array(PER_KEY).fill("code_taken"))
    expect(answers.slice(PER_KEY).map((r) => r.status)).toEqual([429, 429])
    expect(answers[PER_KEY].headers.get("retry-after")).toMatch(/^\d+$/)
  })

  /** 16 symbols of the generated alphabet with a check character that does not match. */
  function wrongCheck(): string {
    const code = generateCode()
    const other = CODE_ALPHABET[(CODE_ALPHABET.indexOf(code[15]) + 1 + randomInt(CODE_ALPHABET.length - 1)) % CODE_ALPHABET.length]
    return code.slice(0, 15) + other
  }

  it.each([
    ["of the generated shape with a wrong check character", wrongCheck],
    ["like OWN1796111103626 (O read as zero)", () => `OWN${String(randomInt(10 ** 12)).padStart(13, "1")}`],
  ])("sells a voucher with an own 16-character number %s and finds it again", async (_what, make) => {
    const own = make()
    const sold = await posApi("/store/pos/gift-cards", { key: seller, body: { amount: 700, currency_code: "eur", code: own } })
    expect(sold.status, sold.text).toBe(201)
    const found = await posApi(`/store/pos/cards/${own.toLowerCase()}`, { key: seller })
    expect(found.status, found.text).toBe(200)
    expect(found.body.card.accounts[0].balance).toBe(700)
  })

  it("still answers an unknown, mistyped generated code with invalid_code", async () => {
    const res = await posApi(`/store/pos/cards/${wrongCheck()}`, { key: seller })
    expect(res.status).toBe(400)
    expect(res.body.type).toBe("invalid_code")
  })

  it("refuses own value-card numbers under 8 characters and takes customer cards from 4", async () => {
    const short = `${randomUUID().replace(/-/g, "").slice(0, 4).toUpperCase()}`
    const voucher = await posApi("/store/pos/gift-cards", { key: seller, body: { amount: 100, currency_code: "eur", code: short } })
    expect(voucher.status).toBe(400)
    expect(voucher.body).toEqual({ type: "invalid_request", message: expect.stringContaining("8 to 64") })
    const dashed = await posApi("/store/pos/gift-cards", { key: seller, body: { amount: 100, currency_code: "eur", code: `AB-CD-${short.slice(0, 3)}` } })
    expect(dashed.status).toBe(400)
    const prepaid = await posApi("/store/pos/prepaid-cards", { key: seller, body: { currency_code: "eur", code: short } })
    expect(prepaid.status).toBe(400)
    const batch = await adminApi("/admin/vouchers/batch", { body: { currency_code: "eur", codes: [short] }, headers: { "idempotency-key": randomUUID() } })
    expect(batch.status).toBe(400)

    const eight = `${short}${randomUUID().slice(0, 4).toUpperCase()}`
    expect((await posApi("/store/pos/gift-cards", { key: seller, body: { amount: 100, currency_code: "eur", code: eight } })).status).toBe(201)

    const customer = await posApi("/store/pos/customers", { key: seller, body: { first_name: "Kurz", last_name: "Karte", card_code: short } })
    expect(customer.status, customer.text).toBe(201)
    expect(customer.body.card.code).toBe(short)
    const tooShort = await posApi("/store/pos/customers", { key: seller, body: { first_name: "Zu", last_name: "Kurz", card_code: "AB1" } })
    expect(tooShort.status).toBe(400)
  })

  it("refuses a value-card number range whose codes would be shorter than 8 characters", async () => {
    const res = await adminApi("/admin/ledger/code-ranges", { body: { name: "Short", card_kind: "gift_card", prefix: "GS", start: 1, end: 5000 } })
    expect(res.status).toBe(400)
    expect(res.body.type).toBe("range_invalid")
  })
})
