/**
 * Customer data rights over HTTP: a customer with data in every module (made
 * through the APIs) is exported by the admin and by themselves; the erasure
 * removes name, e-mail and phone everywhere while invoices, ledger balances and
 * movements stay; a repeated erasure answers the same; a wrong confirmation
 * changes nothing.
 */
import { execFileSync } from "child_process"
import { randomUUID } from "crypto"
import path from "path"

import { DateTime } from "luxon"
import { Client } from "pg"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi, api } from "../support/api"
import { eventually } from "../support/eventually"
import { clientIp, createLocation, createTerminal, posApi } from "../support/pos"
import { TEST_SECRETS } from "../support/server"
import { demoShop } from "../support/shop"

const ROOT = path.resolve(__dirname, "..", "..")
const ZONE = "Europe/Berlin"
const SECTIONS = ["cms", "debtor", "event", "feedback", "gift-card", "jobs", "loyalty", "prepaid", "reservation"]

type Person = { id: string; loyaltyCode: string; email: string; password: string; token: string; first_name: string; last_name: string; phone: string; street: string; note: string }
type Holdings = { orderId: string; earnedOnOrder: number; invoiceId: string; invoiceNumber: string; voucherCode: string; prepaidCode: string; accountCode: string; loyaltyCode: string }

let db: Client
let till: string

/** A store customer with a saved address, signed in. */
async function newCustomer(): Promise<Person> {
  const tag = randomUUID().slice(0, 8)
  const person = {
    email: `greta-${tag}@example.com`,
    password: "secret-password",
    first_name: `Greta${tag}`,
    last_name: `Datenschutz${tag}`,
    // Nine digits of its own, so that no other test's guest shares the phone.
    phone: `+49 171 ${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`,
    street: `Privatweg ${tag}`,
    note: `Nussallergie ${tag}`,
  }
  const created = await api("/store/customers", { body: { first_name: person.first_name, last_name: person.last_name, email: person.email, password: person.password, phone: person.phone } })
  expect(created.status, created.text).toBe(200)
  const token = await api("/store/auth/token", { body: { email: person.email, password: person.password } })
  expect(token.status, token.text).toBe(200)
  const address = await api("/store/customers/me/addresses", {
    token: token.body.access_token,
    body: { address: { first_name: person.first_name, last_name: person.last_name, address_1: person.street, city: "Berlin", postal_code: "10115", country_code: "de", phone: person.phone } },
  })
  expect(address.status, address.text).toBe(200)
  // A store sign-up joins the loyalty programme with a card, through an event: wait for it, so that
  // nothing changes under the test.
  const enrolled = await eventually(
    () => adminApi(`/admin/loyalty/customers/${created.body.customer.id}`),
    (res) => res.status === 200 && res.body.cards?.length > 0
  )
  expect(enrolled.body.cards, enrolled.text).toHaveLength(1)
  return { ...person, id: created.body.customer.id, token: token.body.access_token, loyaltyCode: enrolled.body.cards[0].code as string }
}

/** Data of the customer in every module, made through the modules' own APIs. */
async function giveEveryModuleData(p: Person): Promise<Holdings> {
  // loyalty: the card of the sign-up, points, consent to marketing mails, a visit at the till
  const loyaltyCode = p.loyaltyCode
  expect((await adminApi(`/admin/loyalty/customers/${p.id}/consent`, { body: { marketing_consent: true } })).status).toBe(200)
  expect((await adminApi(`/admin/loyalty/customers/${p.id}/adjust`, { body: { points: 120, reason: "welcome" } })).status).toBe(200)
  const earn = await posApi(`/store/pos/loyalty/${encodeURIComponent(loyaltyCode)}/earn`, { key: till, body: { amount: 1000, currency_code: "eur", reference: `Bon ${randomUUID()}` } })
  expect(earn.status, earn.text).toBe(200)
  // gift-card: a voucher linked to the customer, partly redeemed
  const voucher = await posApi("/store/pos/gift-cards", { key: till, body: { amount: 2500, currency_code: "eur", customer_id: p.id } })
  expect(voucher.status, voucher.text).toBe(201)
  const voucherCode = voucher.body.gift_card.code
  expect((await posApi(`/store/pos/gift-cards/${encodeURIComponent(voucherCode)}/redeem`, { key: till, body: { amount: 700 } })).status).toBe(200)
  // prepaid: a card with a top-up
  const prepaid = await posApi("/store/pos/prepaid-cards", { key: till, body: { currency_code: "EUR", customer_id: p.id } })
  expect(prepaid.status, prepaid.text).toBe(201)
  const prepaidCode = prepaid.body.prepaid_card.code
  const topUp = await posApi(`/store/pos/prepaid-cards/${encodeURIComponent(prepaidCode)}/top-up`, { key: till, body: { amount: 1500, tender: "cash" } })
  expect(topUp.status, topUp.text).toBe(200)
  // debtor: an invoice to the customer and a customer account in debit
  const invoice = await posApi("/store/pos/invoices", {
    key: till,
    body: { customer_id: p.id, customer_name: `${p.first_name} ${p.last_name}`, email: p.email, currency_code: "eur", lines: [{ title: "Menü", quantity: 2, unit_price: 1450, tax_rate: 19 }] },
  })
  expect(invoice.status, invoice.text).toBe(201)
  const account = await adminApi("/admin/customer-accounts", { body: { customer_id: p.id, currency_code: "eur", credit_limit: 5000 } })
  expect(account.status, account.text).toBe(201)
  const accountCode = account.body.account.card_code
  const charge = await posApi(`/store/pos/customer-accounts/${encodeURIComponent(accountCode)}/charge`, { key: till, body: { amount: 300, reference: "Bon 1" } })
  expect(charge.status, charge.text).toBe(200)
  // reservation: a phone booking under the customer's e-mail and phone, with a note
  const location = await createLocation({ time_zone: ZONE })
  const settings = await adminApi(`/admin/reservations/locations/${location.id}/settings`, {
    method: "PUT",
    body: {
      online: true, slot_minutes: 30, opening_hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: "17:00", close: "23:00" })),
      closed_dates: [], turn_minutes: 120, buffer_minutes: 0, min_party: 1, max_party: 8, lead_minutes: 60, horizon_days: 90,
    },
  })
  expect(settings.status, settings.text).toBe(200)
  const area = await adminApi("/admin/reservations/areas", { body: { location_id: location.id, name: "Saal" } })
  expect(area.status, area.text).toBe(201)
  expect((await adminApi("/admin/reservations/tables", { body: { area_id: area.body.area.id, name: "T1", min_seats: 1, max_seats: 4 } })).status).toBe(201)
  const date = DateTime.now().setZone(ZONE).plus({ days: 3 }).toISODate()
  const booking = await adminApi("/admin/reservations", {
    body: { location_id: location.id, starts_at: DateTime.fromISO(`${date}T19:00`, { zone: ZONE }).toISO(), party_size: 2, name: `${p.first_name} ${p.last_name}`, email: p.email, phone: p.phone, note: p.note },
  })
  expect(booking.status, booking.text).toBe(201)
  // event: a registration with the customer's e-mail and phone
  const venue = await adminApi("/admin/events/venues", { body: { name: "Kochstudio", address: "Hauptstraße 1, Berlin", time_zone: ZONE } })
  expect(venue.status, venue.text).toBe(201)
  const event = await adminApi("/admin/events", {
    body: {
      title: `Kochkurs ${randomUUID().slice(0, 6)}`, description: "Pasta", venue_id: venue.body.venue.id,
      starts_at: new Date(Date.now() + 10 * 86_400_000).toISOString(), ends_at: new Date(Date.now() + 10 * 86_400_000 + 3 * 3_600_000).toISOString(),
      capacity: 10, price: 0, currency_code: "EUR", published: true,
    },
  })
  expect(event.status, event.text).toBe(201)
  const registration = await api(`/store/events/${event.body.event.id}/registrations`, {
    body: { name: `${p.first_name} ${p.last_name}`, email: p.email, phone: p.phone, note: p.note },
    headers: { "x-forwarded-for": clientIp() },
  })
  expect(registration.status, registration.text).toBe(201)
  // Medusa: a web order shipped to the customer's address (it earns points once paid for)
  const shop = await demoShop()
  const cart = await api("/store/carts", { body: { region_id: shop.regionId }, token: p.token })
  expect(cart.status, cart.text).toBe(200)
  const cartId = cart.body.cart.id
  expect((await api(`/store/carts/${cartId}/line-items`, { body: { variant_id: shop.variantId, quantity: 1 }, token: p.token })).status).toBe(200)
  const shipTo = { first_name: p.first_name, last_name: p.last_name, address_1: p.street, city: "Berlin", postal_code: "10115", country_code: "de" }
  expect((await api(`/store/carts/${cartId}`, { body: { shipping_address: shipTo }, token: p.token })).status).toBe(200)
  const options = await api(`/store/shipping-options/${cartId}`)
  expect((await api(`/store/carts/${cartId}/shipping-methods`, { body: { option_id: options.body.shipping_options[0].id }, token: p.token })).status).toBe(200)
  expect((await api(`/store/carts/${cartId}/payment-sessions`, { method: "POST", token: p.token })).status).toBe(200)
  expect((await api(`/store/carts/${cartId}/payment-session`, { body: { provider_id: "manual" }, token: p.token })).status).toBe(200)
  const done = await api(`/store/carts/${cartId}/complete`, { method: "POST", token: p.token })
  expect(done.status, done.text).toBe(200)
  expect(done.body.type).toBe("order")
  const order = done.body.data
  const earnedOnOrder = Math.floor(order.items.reduce((sum: number, i: { total: number }) => sum + i.total, 0) / 100)
  // The order's points arrive through an event: wait, so that the balances hold still.
  const settled = await eventually(
    () => exportOf(p.id),
    (res) => res.body.sections.loyalty.data.points[0]?.balance === 130 + earnedOnOrder
  )
  expect(settled.body.sections.loyalty.data.points[0].balance).toBe(130 + earnedOnOrder)
  return { orderId: order.id, earnedOnOrder, invoiceId: invoice.body.invoice.id, invoiceNumber: invoice.body.invoice.number, voucherCode, prepaidCode, accountCode, loyaltyCode }
}

async function exportOf(customerId: string) {
  const res = await adminApi(`/admin/customer-data/${customerId}/export`)
  expect(res.status, res.text).toBe(200)
  return res
}

function erase(customerId: string, confirmation: string, idempotencyKey: string | null = randomUUID()) {
  return adminApi(`/admin/customer-data/${customerId}/erase`, { body: { confirmation }, headers: idempotencyKey ? { "idempotency-key": idempotencyKey } : {} })
}

/** Balances of everything the customer holds in the ledger, by kind. */
function balances(body: any) {
  return {
    points: body.sections.loyalty.data.points.map((a: { balance: number }) => a.balance),
    vouchers: body.sections["gift-card"].data.vouchers.map((v: { balance: number }) => v.balance),
    prepaid: body.sections.prepaid.data.cards.map((c: { balance: number }) => c.balance),
    accounts: body.sections.debtor.data.customer_accounts.map((a: { balance: number }) => a.balance),
  }
}

beforeAll(async () => {
  db = new Client({ connectionString: inject("databaseUrl") })
  await db.connect()
  till = (await createTerminal({ scopes: ["gift_card", "prepaid_charge", "prepaid_topup", "loyalty", "debtor"] })).key
})

afterAll(async () => {
  await db.end()
})

describe("export", () => {
  it("downloads every module's section with the customer's cards, points, vouchers, invoices, bookings and registrations", async () => {
    const p = await newCustomer()
    const held = await giveEveryModuleData(p)
    const res = await exportOf(p.id)
    expect(res.headers.get("content-type")).toContain("application/json")
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="customer-data-${p.id}-\\d{4}-\\d{2}-\\d{2}\\.json"; filename\\*=UTF-8''`))
    const body = res.body
    expect(Object.keys(body.sections).sort()).toEqual(SECTIONS)
    for (const plugin of SECTIONS) {
      expect(body.sections[plugin].label).toEqual({ de: expect.any(String), en: expect.any(String), pt: expect.any(String) })
    }
    expect(body.erased).toBeNull()
    expect(body.medusa.customer).toMatchObject({ id: p.id, email: p.email, first_name: p.first_name, last_name: p.last_name, phone: p.phone })
    expect(body.medusa.addresses).toEqual([expect.objectContaining({ address_1: p.street, city: "Berlin" })])
    expect(body.medusa.orders).toEqual([expect.objectContaining({ id: held.orderId, currency_code: "eur", items_total: expect.any(Number) })])
    const loyalty = body.sections.loyalty.data
    expect(loyalty.cards).toEqual([expect.objectContaining({ status: "active" })])
    expect(loyalty.consents).toEqual([expect.objectContaining({ purpose: "marketing_mail", given: true })])
    expect(loyalty.points[0].balance).toBe(130 + held.earnedOnOrder)
    expect(loyalty.points[0].history.map((t: { points: number }) => t.points)).toEqual(expect.arrayContaining([10, 120, held.earnedOnOrder]))
    expect(loyalty.visits).toEqual(expect.arrayContaining([expect.objectContaining({ source: "pos", amount_minor: 1000, points_earned: 10 }), expect.objectContaining({ source: "web", order_id: held.orderId })]))
    const voucher = body.sections["gift-card"].data.vouchers
    expect(voucher).toEqual([expect.objectContaining({ balance: 1800, currency_code: "eur" })])
    expect(voucher[0].movements).toHaveLength(2)
    expect(body.sections.prepaid.data.cards).toEqual([expect.objectContaining({ balance: 1500 })])
    const debtor = body.sections.debtor.data
    expect(debtor.invoices).toEqual([expect.objectContaining({ total: 2900, buyer_name: `${p.first_name} ${p.last_name}`, email: p.email })])
    expect(debtor.customer_accounts).toEqual([expect.objectContaining({ balance: -300, credit_limit: 5000 })])
    expect(body.sections.reservation.data.bookings).toEqual([expect.objectContaining({ email: p.email, phone: p.phone, note: p.note, party_size: 2 })])
    expect(body.sections.event.data.registrations).toEqual([expect.objectContaining({ email: p.email, phone: p.phone, quantity: 1 })])
    expect(body.sections.feedback.data.responses).toEqual([])
  })

  it("gives the signed-in customer their own export through the store API", async () => {
    const p = await newCustomer()
    const res = await api("/store/customers/me/data-export", { token: p.token })
    expect(res.status, res.text).toBe(200)
    expect(res.headers.get("content-disposition")).toContain(`customer-data-${p.id}-`)
    expect(res.body).toMatchObject({ customer_id: p.id, medusa: { customer: { email: p.email } } })
    expect(Object.keys(res.body.sections).sort()).toEqual(SECTIONS)
  })

  it("answers 404 for an unknown customer", async () => {
    const res = await adminApi("/admin/customer-data/cus_nobody/export")
    expect(res.status).toBe(404)
    expect(res.body).toEqual({ type: "not_found", message: expect.any(String) })
  })
})

describe("erasure", () => {
  it("removes name, e-mail and phone from every module and keeps invoices and ledger balances", async () => {
    const p = await newCustomer()
    const held = await giveEveryModuleData(p)
    const before = (await exportOf(p.id)).body
    const invoiceBefore = await adminApi(`/admin/debtor-invoices/${held.invoiceId}`)
    expect(invoiceBefore.status, invoiceBefore.text).toBe(200)

    const erased = await erase(p.id, ` ${p.email.toUpperCase()} `)
    expect(erased.status, erased.text).toBe(200)
    const erasure = erased.body.erasure
    expect(erasure).toMatchObject({ customer_id: p.id, erased_by: expect.any(String), erased_at: expect.any(String) })
    expect(erasure.sections.map((s: { plugin: string }) => s.plugin).sort()).toEqual(["medusa", ...SECTIONS].sort())
    const section = (plugin: string) => erasure.sections.find((s: { plugin: string }) => s.plugin === plugin)
    expect(section("loyalty").anonymised).toEqual({ members: 1, cards_blocked: 1 })
    expect(section("reservation").anonymised).toEqual({ bookings: 1 })
    expect(section("event").anonymised).toEqual({ registrations: 1 })
    expect(section("debtor").retained).toEqual(expect.arrayContaining([expect.objectContaining({ what: "invoices", count: 1, reason: { de: expect.any(String), en: expect.any(String), pt: expect.any(String) } })]))
    // The audit row names who erased whom and when, without the personal data.
    const { rows } = await db.query(`SELECT * FROM customer_data_erasure WHERE customer_id = $1`, [p.id])
    expect(rows).toHaveLength(1)
    expect(rows[0].erased_by).toBe(erasure.erased_by)
    const audit = JSON.stringify(rows[0])
    for (const secret of [p.email, p.first_name, p.last_name, p.phone, p.street, p.note]) {
      expect(audit).not.toContain(secret)
    }

    // Nothing personal is left in the export.
    const after = await exportOf(p.id)
    const phoneDigits = p.phone.replace(/\D/g, "").slice(-9)
    for (const secret of [p.email, p.first_name, p.last_name, p.phone, phoneDigits, p.street, p.note]) {
      expect(after.text).not.toContain(secret)
    }
    expect(after.body.erased).toMatchObject({ id: erasure.id })
    expect(after.body.medusa.customer).toMatchObject({ email: `erased+${p.id}@invalid`, first_name: null, last_name: null, phone: null, metadata: null })
    expect(after.body.medusa.addresses).toEqual([])
    expect(after.body.sections.loyalty.data.consents).toEqual([expect.objectContaining({ given: false })])
    expect(after.body.sections.loyalty.data.cards).toEqual([expect.objectContaining({ status: "blocked" })])
    expect(after.body.sections.debtor.data.invoices).toEqual([expect.objectContaining({ number: held.invoiceNumber, total: 2900, buyer: "retained_on_issued_invoice" })])
    // The booking and the registration stay, anonymised (a phone search finds them no more).
    const { rows: bookings } = await db.query(`SELECT name, email, phone, note FROM reservation WHERE id = $1`, [before.sections.reservation.data.bookings[0].id])
    expect(bookings).toEqual([{ name: "—", email: null, phone: null, note: null }])
    const { rows: orders } = await db.query(`SELECT email FROM "order" WHERE id = $1`, [held.orderId])
    expect(orders).toEqual([{ email: `erased+${p.id}@invalid` }])
    expect(after.body.medusa.orders).toEqual([expect.objectContaining({ id: held.orderId })])
    const { rows: registrations } = await db.query(`SELECT name, email, phone, note FROM event_registration WHERE id = $1`, [before.sections.event.data.registrations[0].id])
    expect(registrations).toEqual([{ name: "—", email: null, phone: null, note: null }])

    // Ledger balances and the issued invoice are unchanged; the ledger verifies.
    expect(balances(after.body)).toEqual(balances(before))
    const invoiceAfter = await adminApi(`/admin/debtor-invoices/${held.invoiceId}`)
    expect(invoiceAfter.body.invoice).toEqual(invoiceBefore.body.invoice)
    expect((await adminApi("/admin/ledger/verify")).body.mismatches).toEqual([])
    const cliEnv = { ...process.env, ...TEST_SECRETS, DATABASE_URL: inject("databaseUrl"), REDIS_URL: "" }
    expect(() => execFileSync(process.execPath, [path.join(ROOT, "dist", "scripts", "cli.js"), "ledger:verify"], { cwd: ROOT, env: cliEnv, stdio: "pipe" })).not.toThrow()

    // The customer can sign in no more, with the old e-mail or the new one.
    expect((await api("/store/auth/token", { body: { email: p.email, password: p.password } })).status).toBe(401)
    // (the erased address is no valid e-mail at all: Medusa refuses it as input)
    const erasedLogin = await api("/store/auth/token", { body: { email: `erased+${p.id}@invalid`, password: p.password } })
    expect([400, 401]).toContain(erasedLogin.status)
    expect(erasedLogin.body.access_token).toBeUndefined()

    // Erasing again answers the same, whatever the key.
    const again = await erase(p.id, p.email)
    expect(again.status, again.text).toBe(200)
    expect(again.body).toEqual(erased.body)
  })

  it("refuses a confirmation that is not the customer's e-mail with 400 and changes nothing", async () => {
    const p = await newCustomer()
    const before = (await exportOf(p.id)).body
    for (const body of [{ confirmation: "someone@example.com" }, { confirmation: "" }, {}, { confirmation: p.email, extra: 1 }]) {
      const res = await adminApi(`/admin/customer-data/${p.id}/erase`, { body, headers: { "idempotency-key": randomUUID() } })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body).toEqual({ type: expect.any(String), message: expect.any(String) })
    }
    const wrong = await erase(p.id, "someone@example.com")
    expect(wrong.body.type).toBe("confirmation_mismatch")
    const missingKey = await erase(p.id, p.email, null)
    expect(missingKey.status).toBe(400)
    expect(missingKey.body.type).toBe("idempotency_key_missing")
    const after = (await exportOf(p.id)).body
    expect({ ...after, exported_at: null }).toEqual({ ...before, exported_at: null })
    const { rows } = await db.query(`SELECT 1 FROM customer_data_erasure WHERE customer_id = $1`, [p.id])
    expect(rows).toEqual([])
    expect((await api("/store/auth/token", { body: { email: p.email, password: p.password } })).status).toBe(200)
  })

  it("answers 404 for an unknown customer and writes nothing", async () => {
    const res = await erase("cus_nobody", "x@example.com")
    expect(res.status).toBe(404)
  })

  it("erases once when two erasures of the same customer race", async () => {
    const p = await newCustomer()
    const answers = await Promise.all([erase(p.id, p.email), erase(p.id, p.email), erase(p.id, p.email)])
    // The later ones wait on the customer's row lock and answer the first erasure; one that waited
    // longer than the POS lock timeout (2 s, a loaded machine) is told to retry (409 account_busy).
    const ok = answers.filter((a) => a.status === 200)
    expect(ok.length).toBeGreaterThanOrEqual(1)
    expect(answers.filter((a) => a.status !== 200).map((a) => a.body.type)).toEqual(answers.filter((a) => a.status !== 200).map(() => "account_busy"))
    for (const a of ok) {
      expect(a.body).toEqual(ok[0].body)
    }
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM customer_data_erasure WHERE customer_id = $1`, [p.id])
    expect(rows[0].n).toBe(1)
  })
})
