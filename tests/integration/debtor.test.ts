/**
 * Debtor plugin over HTTP: invoices from the till (gapless numbers, totals per
 * tax rate, PDF and mail), the debtor list (payments, cancellation by credit
 * note, reminders, monthly statements, exports) and customer accounts.
 */
import { randomUUID } from "crypto"

import pg from "pg"
import { beforeAll, describe, expect, inject, it } from "vitest"

import { nextNumber } from "../../src/plugins/debtor/src/utils/numbers"
import { adminApi, adminToken, api } from "../support/api"
import { signUp } from "../support/customers"
import { mailsTo, uniqueAddress, waitForMail } from "../support/mail"
import { pdfText } from "../support/pdf"
import { createTerminal, posApi } from "../support/pos"

type Invoice = { id: string; number: string; total: number; currency_code: string; status: string; due_date: string; issue_date: string; tax_groups: { tax_rate: number; net: number; tax: number; gross: number }[] }

/** 3 × 2.50 and 1 × 1.99 at 19 %, 2 × 3.49 at 7 %: gross 9.49 + 6.98. */
const MIXED_LINES = [
  { title: "Kaffee", quantity: 3, unit_price: 250, tax_rate: 19 },
  { title: "Kuchen", quantity: 2, unit_price: 349, tax_rate: 7 },
  { title: "Wasser", quantity: 1, unit_price: 199, tax_rate: 19 },
]

let till: { key: string; location_id: string }
let prefix: string

/** A money amount as the PDF or mail prints it in any locale (no thousands: amounts stay below 1000.00). */
const money = (minor: number) => new RegExp(`${Math.floor(minor / 100)}[.,]${String(minor % 100).padStart(2, "0")}`)

async function createCustomer(tag: string): Promise<{ id: string; email: string }> {
  const email = uniqueAddress(tag)
  const res = await adminApi("/admin/customers", { body: { email, first_name: "Erika", last_name: `Muster ${tag}`, password: randomUUID() } })
  expect(res.status, res.text).toBe(201)
  return { id: res.body.customer.id, email }
}

async function createInvoice(body: Record<string, unknown>, key = till.key): Promise<Invoice> {
  const res = await posApi<{ invoice: Invoice }>("/store/pos/invoices", { key, body })
  expect(res.status, res.text).toBe(201)
  return res.body.invoice
}

async function adminPdf(path: string): Promise<Buffer> {
  const res = await fetch(`${inject("baseUrl")}${path}`, { headers: { authorization: `Bearer ${await adminToken()}` } })
  expect(res.status).toBe(200)
  expect(res.headers.get("content-type")).toContain("application/pdf")
  return Buffer.from(await res.arrayBuffer())
}

async function runSchedule(name: string, now: Date): Promise<{ status: string; result: { sent: unknown[] } }> {
  const res = await adminApi(`/admin/jobs/schedules/${name}/run`, { body: { now: now.toISOString() } })
  expect(res.status, res.text).toBe(200)
  expect(res.body.run.status, res.body.run.error).toBe("ok")
  return res.body.run
}

const DAY_MS = 86_400_000

beforeAll(async () => {
  const { key, location } = await createTerminal({ scopes: ["debtor"] })
  till = { key, location_id: location.id }
  // A number range of this location's own, so other suites' invoices never fall between ours.
  prefix = `T${randomUUID().replace(/-/g, "").slice(0, 7).toUpperCase()}`
  const res = await adminApi(`/admin/debtor-locations/${location.id}`, { body: { number_prefix: prefix } })
  expect(res.status, res.text).toBe(200)
})

describe("invoices from the till", () => {
  it("refuses bad input with 400 and consumes no number", async () => {
    const valid = { currency_code: "eur", lines: [{ title: "Kaffee", quantity: 1, unit_price: 250, tax_rate: 19 }] }
    const bad: Record<string, unknown>[] = [
      { ...valid, lines: [{ ...valid.lines[0], unit_price: -250 }] },
      { ...valid, lines: [{ ...valid.lines[0], unit_price: 2.5 }] },
      { ...valid, lines: [{ ...valid.lines[0], tax_rate: 101 }] },
      { ...valid, lines: [{ ...valid.lines[0], tax_rate: -1 }] },
      { ...valid, lines: [{ ...valid.lines[0], quantity: 0 }] },
      { ...valid, lines: [] },
      { currency_code: "eur" },
      { ...valid, discount: 10 },
      { ...valid, lines: [{ ...valid.lines[0], color: "red" }] },
      { ...valid, currency_code: "xyz" },
      { ...valid, currency_code: "euro" },
      { ...valid, email: "not-an-address" },
      { ...valid, lines: [1, 2].map(() => ({ title: "Yacht", quantity: 1_000_000, unit_price: 1_000_000_000, tax_rate: 19 })) },
    ]
    for (const body of bad) {
      const res = await posApi("/store/pos/invoices", { key: till.key, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body).toEqual({ type: expect.any(String), message: expect.any(String) })
    }
    const first = await createInvoice(valid)
    expect(first.number).toBe(`RE-${prefix}-${first.issue_date.slice(0, 4)}-00001`)
  })

  it("refuses a terminal key without the debtor scope with 403", async () => {
    const { key } = await createTerminal({ scopes: ["gift_card"] })
    const res = await posApi("/store/pos/invoices", { key, body: { currency_code: "eur", lines: MIXED_LINES } })
    expect(res.status).toBe(403)
    expect(res.body.type).toBe("forbidden")
  })

  it("numbers 20 parallel invoices consecutively, without gaps or duplicates", async () => {
    const invoices = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createInvoice({ customer_name: `Gast ${i}`, currency_code: "eur", lines: [{ title: "Menü", quantity: 1, unit_price: 1000 + i, tax_rate: 19 }] }))
    )
    const pattern = new RegExp(`^RE-${prefix}-(\\d{4})-(\\d{5})$`)
    const sequences = invoices.map((i) => Number(pattern.exec(i.number)![2])).sort((a, b) => a - b)
    expect(new Set(invoices.map((i) => i.number)).size).toBe(20)
    for (let k = 1; k < sequences.length; k++) {
      expect(sequences[k]).toBe(sequences[k - 1] + 1)
    }
    expect(invoices.every((i) => i.status === "open")).toBe(true)
  })

  it("replays a retried invoice with the same Idempotency-Key instead of writing a second one", async () => {
    const idempotencyKey = randomUUID()
    const body = { currency_code: "eur", lines: MIXED_LINES }
    const first = await posApi("/store/pos/invoices", { key: till.key, body, idempotencyKey })
    const again = await posApi("/store/pos/invoices", { key: till.key, body, idempotencyKey })
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.body.invoice.number).toBe(first.body.invoice.number)
  })

  it("splits the total exactly per tax rate, and the PDF holds the number and totals", async () => {
    const invoice = await createInvoice({ customer_name: "Firma Beispiel", currency_code: "EUR", lines: MIXED_LINES })
    expect(invoice).toEqual(expect.objectContaining({ total: 1647, currency_code: "eur", status: "open" }))
    expect(invoice.tax_groups).toEqual([
      { tax_rate: 19, gross: 949, net: 797, tax: 152 },
      { tax_rate: 7, gross: 698, net: 652, tax: 46 },
    ])
    const detail = (await adminApi(`/admin/debtor-invoices/${invoice.id}`)).body.invoice
    expect(detail).toEqual(expect.objectContaining({ net_total: 1449, tax_total: 198, total: 1647, paid_total: 0, open_amount: 1647 }))

    const text = await pdfText(await adminPdf(`/admin/debtor-invoices/${invoice.id}/pdf`))
    expect(text).toContain(invoice.number)
    expect(text).toContain("Firma Beispiel")
    for (const amount of [1647, 1449, 198, 797, 152, 652, 46]) {
      expect(text).toMatch(money(amount))
    }
  })

  it("mails the invoice with its PDF exactly once when an e-mail is given", async () => {
    const email = uniqueAddress("debtor-invoice")
    const invoice = await createInvoice({ customer_name: "Anna Mail", email, currency_code: "eur", lines: MIXED_LINES })
    const isInvoiceMail = (subject: string) => new RegExp(`(Rechnung|invoice|fatura) ${invoice.number} (von|from|de) `).test(subject)
    const mail = await waitForMail((m) => m.envelopeTo.includes(email) && isInvoiceMail(m.subject))
    expect(mail.attachments).toHaveLength(1)
    expect(mail.attachments[0].contentType).toBe("application/pdf")
    const text = await pdfText(mail.attachments[0].content)
    expect(text).toContain(invoice.number)
    expect(text).toMatch(money(1647))
    expect(mail.text).toMatch(money(1647))

    // The PDF job and a resend marker: once both are through, still only one invoice mail.
    const marker = await adminApi(`/admin/debtor-invoices/${invoice.id}/send`, { body: { to: uniqueAddress("debtor-marker") } })
    expect(marker.status, marker.text).toBe(202)
    await waitForMail((m) => m.envelopeTo.includes(marker.body.mail.to))
    expect((await mailsTo(email)).filter((m) => isInvoiceMail(m.subject))).toHaveLength(1)
  })

  it("takes the customer's name, e-mail and payment terms from the customer", async () => {
    const customer = await createCustomer("debtor-terms")
    const settings = await adminApi(`/admin/debtor-customers/${customer.id}`, { body: { payment_terms_days: 30, address_lines: ["Hauptstr. 1", "10115 Berlin"] } })
    expect(settings.status, settings.text).toBe(200)
    const invoice = await createInvoice({ customer_id: customer.id, currency_code: "eur", lines: MIXED_LINES })
    const detail = (await adminApi(`/admin/debtor-invoices/${invoice.id}`)).body.invoice
    expect(detail).toEqual(expect.objectContaining({ customer_id: customer.id, email: customer.email, customer_name: "Erika Muster debtor-terms", payment_terms_days: 30 }))
    expect(Date.parse(detail.due_date) - Date.parse(detail.issue_date)).toBe(30 * DAY_MS)

    expect((await adminApi("/admin/debtor-customers/cus_unknown")).status).toBe(404)
    expect((await adminApi(`/admin/debtor-customers/${customer.id}`, { body: { payment_terms_days: 366 } })).status).toBe(400)
    const unknown = await posApi("/store/pos/invoices", { key: till.key, body: { customer_id: "cus_unknown", currency_code: "eur", lines: MIXED_LINES } })
    expect(unknown.status).toBe(422)
  })
})

describe("the number counter", () => {
  it("gives a rolled-back number back and starts again at 1 in a new year", async () => {
    const client = new pg.Client({ connectionString: inject("databaseUrl") })
    await client.connect()
    const db = { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows }
    const own = `U${randomUUID().replace(/-/g, "").slice(0, 7).toUpperCase()}`
    try {
      await client.query("BEGIN")
      expect(await nextNumber(db, "invoice", 2998, own)).toEqual({ number: `RE-${own}-2998-00001`, sequence: 1 })
      await client.query("ROLLBACK")
      expect((await nextNumber(db, "invoice", 2998, own)).sequence).toBe(1)
      expect((await nextNumber(db, "invoice", 2998, own)).sequence).toBe(2)
      expect(await nextNumber(db, "invoice", 2999, own)).toEqual({ number: `RE-${own}-2999-00001`, sequence: 1 })
      expect(await nextNumber(db, "credit_note", 2999, own)).toEqual({ number: `GS-${own}-2999-00001`, sequence: 1 })
    } finally {
      await client.query("DELETE FROM debtor_number_counter WHERE prefix = $1", [own])
      await client.end()
    }
  })
})

describe("the debtor list", () => {
  it("keeps a partly paid invoice open and marks it paid once payments cover the total", async () => {
    const invoice = await createInvoice({ customer_name: "Teilzahler", currency_code: "eur", lines: MIXED_LINES })
    const partial = await adminApi(`/admin/debtor-invoices/${invoice.id}/payments`, { body: { amount: 1000, method: "bank_transfer", paid_on: "2026-01-05" }, headers: { "idempotency-key": randomUUID() } })
    expect(partial.status, partial.text).toBe(201)
    expect(partial.body.invoice).toEqual(expect.objectContaining({ status: "open", paid_total: 1000, open_amount: 647 }))

    const over = await adminApi(`/admin/debtor-invoices/${invoice.id}/payments`, { body: { amount: 648, method: "cash" }, headers: { "idempotency-key": randomUUID() } })
    expect(over.status).toBe(422)
    expect(over.body.type).toBe("overpayment")
    const bad = await adminApi(`/admin/debtor-invoices/${invoice.id}/payments`, { body: { amount: 6.47, method: "cash" }, headers: { "idempotency-key": randomUUID() } })
    expect(bad.status).toBe(400)

    const rest = await adminApi(`/admin/debtor-invoices/${invoice.id}/payments`, { body: { amount: 647, method: "cash" }, headers: { "idempotency-key": randomUUID() } })
    expect(rest.status, rest.text).toBe(201)
    expect(rest.body.invoice).toEqual(expect.objectContaining({ status: "paid", paid_total: 1647, open_amount: 0 }))
    expect(rest.body.invoice.payments).toHaveLength(2)

    const paid = await adminApi(`/admin/debtor-invoices?status=paid&q=${encodeURIComponent(invoice.number)}`)
    expect(paid.body.invoices.map((i: Invoice) => i.id)).toEqual([invoice.id])
    expect(paid.body.totals).toEqual([{ currency_code: "eur", count: 1, total: 1647, paid: 1647, open: 0 }])
    const open = await adminApi(`/admin/debtor-invoices?status=open&q=${encodeURIComponent(invoice.number)}`)
    expect(open.body.invoices).toEqual([])
  })

  it("records a payment once per Idempotency-Key, and never more than the open amount under concurrency", async () => {
    const invoice = await createInvoice({ customer_name: "Doppelklick", currency_code: "eur", lines: MIXED_LINES })
    const headers = { "idempotency-key": randomUUID() }
    const first = await adminApi(`/admin/debtor-invoices/${invoice.id}/payments`, { body: { amount: 500, method: "cash" }, headers })
    const again = await adminApi(`/admin/debtor-invoices/${invoice.id}/payments`, { body: { amount: 500, method: "cash" }, headers })
    expect(first.status, first.text).toBe(201)
    // The first answer again (same status, same body), as on the POS routes.
    expect(again.status, again.text).toBe(201)
    expect(again.headers.get("idempotent-replayed")).toBe("true")
    expect(again.body.payment.id).toBe(first.body.payment.id)
    expect(again.body.invoice).toEqual(expect.objectContaining({ paid_total: 500, open_amount: 1147 }))

    const racing = await Promise.all(Array.from({ length: 5 }, () => adminApi(`/admin/debtor-invoices/${invoice.id}/payments`, { body: { amount: 1147, method: "bank_transfer" }, headers: { "idempotency-key": randomUUID() } })))
    expect(racing.filter((r) => r.status === 201)).toHaveLength(1)
    expect(racing.filter((r) => r.status === 422 && r.body.type === "overpayment")).toHaveLength(4)
    const detail = (await adminApi(`/admin/debtor-invoices/${invoice.id}`)).body.invoice
    expect(detail).toEqual(expect.objectContaining({ status: "paid", paid_total: 1647 }))
    expect(detail.payments).toHaveLength(2)
  })

  it("cancels with a credit note of its own series; the invoice keeps its number", async () => {
    const invoice = await createInvoice({ customer_name: "Storno", currency_code: "eur", lines: MIXED_LINES })
    const res = await adminApi(`/admin/debtor-invoices/${invoice.id}/cancel`, { body: { reason: "Falscher Kunde" } })
    expect(res.status, res.text).toBe(200)
    expect(res.body.invoice).toEqual(expect.objectContaining({ id: invoice.id, number: invoice.number, status: "cancelled", open_amount: 0 }))
    expect(res.body.credit_note).toEqual(expect.objectContaining({ invoice_id: invoice.id, total: 1647 }))
    expect(res.body.credit_note.number).toMatch(/^GS-\d{4}-\d{5}$/)

    const again = await adminApi(`/admin/debtor-invoices/${invoice.id}/cancel`, { body: {} })
    expect(again.body.credit_note.number).toBe(res.body.credit_note.number)
    const pay = await adminApi(`/admin/debtor-invoices/${invoice.id}/payments`, { body: { amount: 100, method: "cash" }, headers: { "idempotency-key": randomUUID() } })
    expect(pay.status).toBe(422)

    const text = await pdfText(await adminPdf(`/admin/debtor-invoices/${invoice.id}/credit-note`))
    expect(text).toContain(res.body.credit_note.number)
    expect(text).toContain(invoice.number)
    const still = (await adminApi(`/admin/debtor-invoices/${invoice.id}`)).body.invoice
    expect(still).toEqual(expect.objectContaining({ number: invoice.number, status: "cancelled" }))
  })

  it("mails the credit note with its PDF when the cancelled invoice has an e-mail", async () => {
    const email = uniqueAddress("debtor-credit")
    const invoice = await createInvoice({ customer_name: "Gutschrift", email, currency_code: "eur", lines: MIXED_LINES })
    const res = await adminApi(`/admin/debtor-invoices/${invoice.id}/cancel`, { body: {} })
    expect(res.status, res.text).toBe(200)
    const number = res.body.credit_note.number
    const mail = await waitForMail((m) => m.envelopeTo.includes(email) && m.subject.includes(number))
    const text = await pdfText(mail.attachments[0].content)
    expect(text).toContain(number)
    expect(text).toContain(invoice.number)
    expect(text).toMatch(money(1647))
  })

  it("records a buyer correction and keeps number and amounts", async () => {
    const invoice = await createInvoice({ currency_code: "eur", lines: MIXED_LINES })
    const res = await adminApi(`/admin/debtor-invoices/${invoice.id}`, { body: { customer_name: "Nachgetragen GmbH", address_lines: ["Weg 2"] } })
    expect(res.status, res.text).toBe(200)
    expect(res.body.invoice).toEqual(expect.objectContaining({ number: invoice.number, total: 1647, customer_name: "Nachgetragen GmbH", version: 2 }))
    expect(res.body.invoice.corrections).toEqual([expect.objectContaining({ before: expect.objectContaining({ customer_name: null }), after: expect.objectContaining({ customer_name: "Nachgetragen GmbH" }) })])
    expect((await adminApi(`/admin/debtor-invoices/${invoice.id}`, { body: { number: "X" } })).status).toBe(400)
  })

  it("lists an open invoice past its due date as overdue, with totals over the filter", async () => {
    const customer = await createCustomer("debtor-overdue")
    const late = await createInvoice({ customer_id: customer.id, currency_code: "eur", lines: MIXED_LINES })
    const current = await createInvoice({ customer_id: customer.id, currency_code: "eur", lines: [{ title: "Neu", quantity: 1, unit_price: 1000, tax_rate: 19 }] })
    // Time passes for one invoice: written 40 days ago, due 26 days ago (the real database, the row's own dates).
    const client = new pg.Client({ connectionString: inject("databaseUrl") })
    await client.connect()
    try {
      await client.query(`UPDATE debtor_invoice SET issue_date = issue_date - 40, due_date = due_date - 40 WHERE id = $1`, [late.id])
    } finally {
      await client.end()
    }
    const overdue = await adminApi(`/admin/debtor-invoices?status=overdue&customer_id=${customer.id}`)
    expect(overdue.body.invoices.map((i: Invoice) => i.id)).toEqual([late.id])
    expect(overdue.body.invoices[0].overdue).toBe(true)
    expect(overdue.body.totals).toEqual([{ currency_code: "eur", count: 1, total: 1647, paid: 0, open: 1647 }])
    const open = await adminApi(`/admin/debtor-invoices?status=open&customer_id=${customer.id}`)
    expect(open.body.invoices.map((i: Invoice) => i.id).sort()).toEqual([late.id, current.id].sort())
    expect(open.body.totals).toEqual([{ currency_code: "eur", count: 2, total: 2647, paid: 0, open: 2647 }])
    const today = current.issue_date
    const period = await adminApi(`/admin/debtor-invoices?customer_id=${customer.id}&from=${today}&to=${today}`)
    expect(period.body.invoices.map((i: Invoice) => i.id)).toEqual([current.id])
    expect((await adminApi(`/admin/debtor-invoices?status=late`)).status).toBe(400)
  })

  it("exports open items and payments as CSV", async () => {
    const invoice = await createInvoice({ customer_name: "Export", currency_code: "eur", lines: MIXED_LINES })
    await adminApi(`/admin/debtor-invoices/${invoice.id}/payments`, { body: { amount: 47, method: "card", reference: "=cmd" }, headers: { "idempotency-key": randomUUID() } })
    const open = await adminApi("/admin/debtor-invoices/export?kind=open_items")
    expect(open.status).toBe(200)
    expect(open.headers.get("content-type")).toContain("text/csv")
    expect(open.text.split("\r\n")[0]).toBe("number,issue_date,due_date,customer_id,customer_name,email,currency_code,total_minor,paid_minor,open_minor,overdue")
    expect(open.text).toContain(`${invoice.number},`)
    expect(open.text).toContain(",eur,1647,47,1600,")
    const payments = await adminApi("/admin/debtor-invoices/export?kind=payments")
    expect(payments.text).toContain(`${invoice.number},,eur,47,card,'=cmd`)
    expect((await adminApi("/admin/debtor-invoices/export?kind=all")).status).toBe(400)
    expect((await api("/admin/debtor-invoices/export?kind=open_items")).status).toBe(401)
    expect((await api("/admin/debtor-invoices")).status).toBe(401)
  })

  it("runs the reminders twice at the same moment without either run failing, and reminds once", async () => {
    const customer = await createCustomer("debtor-reminder-race")
    await adminApi(`/admin/debtor-customers/${customer.id}`, { body: { payment_terms_days: 14 } })
    const invoices = await Promise.all([0, 1, 2].map(() => createInvoice({ customer_id: customer.id, currency_code: "eur", lines: MIXED_LINES })))
    const due = Date.parse(`${invoices[0].due_date}T12:00:00Z`)
    await Promise.all([0, 1, 2].map(() => runSchedule("debtor.reminders", new Date(due + 5 * DAY_MS))))
    for (const invoice of invoices) {
      const detail = (await adminApi(`/admin/debtor-invoices/${invoice.id}`)).body.invoice
      expect(detail.reminders).toEqual([expect.objectContaining({ level: 1 })])
    }
  })

  it("sends a reminder only after the due date, once per level", async () => {
    const customer = await createCustomer("debtor-reminder")
    await adminApi(`/admin/debtor-customers/${customer.id}`, { body: { payment_terms_days: 14 } })
    const invoice = await createInvoice({ customer_id: customer.id, currency_code: "eur", lines: MIXED_LINES })
    const isReminder = (subject: string) => subject.includes(invoice.number) && /erinnerung|reminder|lembrete/i.test(subject)
    const due = Date.parse(`${invoice.due_date}T12:00:00Z`)

    await runSchedule("debtor.reminders", new Date(due))
    await runSchedule("debtor.reminders", new Date(due + 2 * DAY_MS))
    let detail = (await adminApi(`/admin/debtor-invoices/${invoice.id}`)).body.invoice
    expect(detail.reminders).toEqual([])

    await runSchedule("debtor.reminders", new Date(due + 5 * DAY_MS))
    await runSchedule("debtor.reminders", new Date(due + 6 * DAY_MS))
    detail = (await adminApi(`/admin/debtor-invoices/${invoice.id}`)).body.invoice
    expect(detail.reminders).toEqual([expect.objectContaining({ level: 1 })])
    const reminder = await waitForMail((m) => m.envelopeTo.includes(customer.email) && isReminder(m.subject))
    expect(reminder.text).toMatch(money(1647))

    // Levels 2 and 3 follow an interval (14 days) apart, each once; nothing after level 3.
    await runSchedule("debtor.reminders", new Date(due + 19 * DAY_MS))
    await runSchedule("debtor.reminders", new Date(due + 20 * DAY_MS))
    await runSchedule("debtor.reminders", new Date(due + 33 * DAY_MS))
    await runSchedule("debtor.reminders", new Date(due + 60 * DAY_MS))
    detail = (await adminApi(`/admin/debtor-invoices/${invoice.id}`)).body.invoice
    expect(detail.reminders.map((r: { level: number }) => r.level)).toEqual([1, 2, 3])

    // A paid invoice is never reminded again.
    const other = await createInvoice({ customer_id: customer.id, currency_code: "eur", lines: MIXED_LINES })
    await adminApi(`/admin/debtor-invoices/${other.id}/payments`, { body: { amount: 1647, method: "bank_transfer" }, headers: { "idempotency-key": randomUUID() } })
    await runSchedule("debtor.reminders", new Date(Date.parse(`${other.due_date}T12:00:00Z`) + 40 * DAY_MS))
    expect((await adminApi(`/admin/debtor-invoices/${other.id}`)).body.invoice.reminders).toEqual([])
    // The mails already queued are delivered in order of queueing: wait on a marker mail, then count.
    const marker = await adminApi(`/admin/debtor-invoices/${invoice.id}/send`, { body: { to: uniqueAddress("debtor-marker") } })
    await waitForMail((m) => m.envelopeTo.includes(marker.body.mail.to))
    await expect.poll(async () => (await mailsTo(customer.email)).filter((m) => isReminder(m.subject)).length, { timeout: 15_000 }).toBe(3)
    expect((await mailsTo(customer.email)).filter((m) => m.subject.includes(other.number) && /erinnerung|reminder|lembrete/i.test(m.subject))).toEqual([])
  })

  it("mails a monthly statement of exactly the open items, whose text agrees with its PDF", async () => {
    const customer = await createCustomer("debtor-statement")
    await adminApi(`/admin/debtor-customers/${customer.id}`, { body: { monthly_statement: true } })
    const a = await createInvoice({ customer_id: customer.id, currency_code: "eur", lines: MIXED_LINES })
    const b = await createInvoice({ customer_id: customer.id, currency_code: "eur", lines: [{ title: "Catering", quantity: 1, unit_price: 12345, tax_rate: 7 }] })
    const paid = await createInvoice({ customer_id: customer.id, currency_code: "eur", lines: [{ title: "Bezahlt", quantity: 1, unit_price: 500, tax_rate: 19 }] })
    await adminApi(`/admin/debtor-invoices/${paid.id}/payments`, { body: { amount: 500, method: "cash" }, headers: { "idempotency-key": randomUUID() } })
    const partly = await createInvoice({ customer_id: customer.id, currency_code: "eur", lines: [{ title: "Teil", quantity: 1, unit_price: 900, tax_rate: 19 }] })
    await adminApi(`/admin/debtor-invoices/${partly.id}/payments`, { body: { amount: 400, method: "cash" }, headers: { "idempotency-key": randomUUID() } })

    const run = await runSchedule("debtor.monthly-statements", new Date())
    expect(run.result.sent).toEqual(expect.arrayContaining([expect.objectContaining({ customer_id: customer.id, currency_code: "eur" })]))
    const mail = await waitForMail((m) => m.envelopeTo.includes(customer.email) && m.attachments.some((x) => x.contentType === "application/pdf") && !m.subject.includes("RE-"))
    const openTotal = 1647 + 12345 + 500
    const text = await pdfText(mail.attachments[0].content)
    for (const invoice of [a, b, partly]) {
      expect(text).toContain(invoice.number)
    }
    expect(text).not.toContain(paid.number)
    expect(text).toMatch(money(openTotal))
    expect(mail.text).toMatch(money(openTotal))
    expect(mail.text).toMatch(/\b3\b/)

    const download = await pdfText(await adminPdf(`/admin/debtor-customers/${customer.id}/statement?currency_code=eur`))
    for (const invoice of [a, b, partly]) {
      expect(download).toContain(invoice.number)
    }
    expect(download).not.toContain(paid.number)

    // Once per month: a second run sends nothing more to this customer.
    await runSchedule("debtor.monthly-statements", new Date())
    const marker = await adminApi(`/admin/debtor-invoices/${a.id}/send`, { body: { to: uniqueAddress("debtor-marker") } })
    await waitForMail((m) => m.envelopeTo.includes(marker.body.mail.to))
    expect((await mailsTo(customer.email)).filter((m) => m.attachments.some((x) => x.filename?.startsWith("statement")))).toHaveLength(1)
  })
})

describe("customer accounts", () => {
  async function openAccount(creditLimit: number): Promise<{ account: { id: string; card_code: string; balance: number; credit_limit: number }; customer: { id: string; email: string } }> {
    const customer = await createCustomer("debtor-account")
    const res = await adminApi("/admin/customer-accounts", { body: { customer_id: customer.id, currency_code: "eur", credit_limit: creditLimit } })
    expect(res.status, res.text).toBe(201)
    return { account: res.body.account, customer }
  }

  it("opens an account with a customer card the till can scan", async () => {
    const { account, customer } = await openAccount(5000)
    expect(account).toEqual(expect.objectContaining({ customer_id: customer.id, currency_code: "eur", balance: 0, credit_limit: 5000, available: 5000 }))
    expect(account.card_code).toEqual(expect.any(String))
    const card = await posApi(`/store/pos/cards/${account.card_code}`, { key: till.key })
    expect(card.status, card.text).toBe(200)
    expect(card.body.card.accounts).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "customer_account", balance: 0, currency_code: "eur" })]))

    const twice = await adminApi("/admin/customer-accounts", { body: { customer_id: customer.id, currency_code: "eur", credit_limit: 1 } })
    expect(twice.status).toBe(409)
    for (const body of [{ customer_id: customer.id, currency_code: "eur", credit_limit: -1 }, { customer_id: customer.id, currency_code: "eur" }, { customer_id: customer.id, currency_code: "zzz", credit_limit: 1 }]) {
      expect((await adminApi("/admin/customer-accounts", { body })).status).toBe(400)
    }
  })

  it("holds the credit limit under 20 parallel charges, and a settlement brings the balance back", async () => {
    const { account } = await openAccount(1000)
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => posApi(`/store/pos/customer-accounts/${account.card_code}/charge`, { key: till.key, body: { amount: 100, reference: `Bon ${i}` } }))
    )
    const ok = results.filter((r) => r.status === 200)
    const refused = results.filter((r) => r.status === 409)
    expect(ok).toHaveLength(10)
    expect(refused).toHaveLength(10)
    expect(refused.every((r) => r.body.type === "credit_limit_exceeded")).toBe(true)
    const after = (await adminApi(`/admin/customer-accounts/${account.id}`)).body.account
    expect(after).toEqual(expect.objectContaining({ balance: -1000, available: 0 }))

    const settle = await posApi(`/store/pos/customer-accounts/${account.card_code}/settle`, { key: till.key, body: { amount: 1000, tender: "cash" } })
    expect(settle.status, settle.text).toBe(200)
    expect(settle.body.account).toEqual(expect.objectContaining({ balance: 0, available: 1000 }))
    expect(settle.body.transaction).toEqual(expect.objectContaining({ type: "settle", amount: 1000, balance_after: 0 }))

    const statement = await adminApi(`/admin/customer-accounts/${account.id}/statement?limit=100`)
    expect(statement.body.count).toBe(11)
    const text = await pdfText(await adminPdf(`/admin/customer-accounts/${account.id}/statement?format=pdf`))
    expect(text).toContain("Bon")
  })

  it("mails a statement of movements whose PDF lists them and whose text shows the balance", async () => {
    const { account, customer } = await openAccount(5000)
    const charged = await posApi(`/store/pos/customer-accounts/${account.card_code}/charge`, { key: till.key, body: { amount: 250, reference: "Bar Abend" } })
    expect(charged.status, charged.text).toBe(200)
    expect(charged.body.account).toEqual(expect.objectContaining({ balance: -250, available: 4750 }))
    const sent = await adminApi(`/admin/customer-accounts/${account.id}/statement/send`, { body: {} })
    expect(sent.status, sent.text).toBe(202)
    const mail = await waitForMail((m) => m.envelopeTo.includes(customer.email) && m.attachments.length === 1)
    expect(mail.text).toMatch(money(250))
    const text = await pdfText(mail.attachments[0].content)
    expect(text).toContain("Bar Abend")
    expect(text).toMatch(money(250))
  })

  it("reverses a charge with a debtor key, once", async () => {
    const { account } = await openAccount(1000)
    const charged = await posApi(`/store/pos/customer-accounts/${account.card_code}/charge`, { key: till.key, body: { amount: 300 } })
    expect(charged.status, charged.text).toBe(200)
    const reversed = await posApi(`/store/pos/transactions/${charged.body.transaction.id}/reverse`, { key: till.key, body: {} })
    expect(reversed.status, reversed.text).toBe(200)
    await posApi(`/store/pos/transactions/${charged.body.transaction.id}/reverse`, { key: till.key, body: {} })
    expect((await adminApi(`/admin/customer-accounts/${account.id}`)).body.account.balance).toBe(0)
  })

  it("refuses bad charges with 400, unknown cards with 404 and keys without the scope with 403", async () => {
    const { account } = await openAccount(1000)
    for (const body of [{ amount: -5 }, { amount: 1.5 }, { amount: 100, extra: 1 }, {}]) {
      expect((await posApi(`/store/pos/customer-accounts/${account.card_code}/charge`, { key: till.key, body })).status).toBe(400)
    }
    expect((await posApi(`/store/pos/customer-accounts/${account.card_code}/settle`, { key: till.key, body: { amount: 100, tender: "gold" } })).status).toBe(400)
    expect((await posApi(`/store/pos/customer-accounts/UNKNOWN-CARD-${randomUUID().slice(0, 6)}/charge`, { key: till.key, body: { amount: 100 } })).status).toBe(404)
    const { key } = await createTerminal({ scopes: ["prepaid_charge"] })
    expect((await posApi(`/store/pos/customer-accounts/${account.card_code}/charge`, { key, body: { amount: 100 } })).status).toBe(403)
    expect((await adminApi(`/admin/customer-accounts/${account.id}`)).body.account.balance).toBe(0)
  })
})

describe("the web checkout on invoice", () => {
  it("writes one invoice per order paid on invoice, for the order's total, and mails it", async () => {
    // The merchant offers "on invoice" in the demo region (other suites keep paying with "manual").
    const regions = await adminApi("/admin/regions")
    const region = regions.body.regions.find((r: { currency_code: string; countries: { iso_2: string }[] }) => r.currency_code === "eur" && r.countries.some((c) => c.iso_2 === "de"))
    const regionId = region.id
    if (!region.payment_providers.some((p: { id: string }) => p.id === "invoice")) {
      const added = await adminApi(`/admin/regions/${regionId}/payment-providers`, { body: { provider_id: "invoice" } })
      expect(added.status, added.text).toBe(200)
    }
    const variantId = (await api("/store/products?handle=tagesmenue")).body.products[0].variants[0].id

    // On invoice is only for a signed-up customer the merchant approved (decision 0071).
    const { email, token, id: customerId } = await signUp({ first_name: "Ada", last_name: "Lovelace" })
    const approved = await adminApi(`/admin/debtor-customers/${customerId}`, { body: { invoice_approved: true, invoice_limit: 1_000_000 } })
    expect(approved.status, approved.text).toBe(200)
    const cartId = (await api("/store/carts", { body: { region_id: regionId }, token })).body.cart.id
    expect((await api(`/store/carts/${cartId}/line-items`, { body: { variant_id: variantId, quantity: 2 }, token })).status).toBe(200)
    const address = { first_name: "Ada", last_name: "Lovelace", address_1: "Ring 1", city: "Berlin", postal_code: "10115", country_code: "de" }
    expect((await api(`/store/carts/${cartId}`, { body: { shipping_address: address, billing_address: address }, token })).status).toBe(200)
    const options = await api(`/store/shipping-options/${cartId}`)
    expect((await api(`/store/carts/${cartId}/shipping-methods`, { body: { option_id: options.body.shipping_options[0].id }, token })).status).toBe(200)
    expect((await api(`/store/carts/${cartId}/payment-sessions`, { method: "POST", token })).status).toBe(200)
    const chosen = await api(`/store/carts/${cartId}/payment-session`, { body: { provider_id: "invoice" }, token })
    expect(chosen.status, chosen.text).toBe(200)
    const completed = await api(`/store/carts/${cartId}/complete`, { method: "POST", token })
    expect(completed.status, completed.text).toBe(200)
    expect(completed.body.type).toBe("order")
    const order = completed.body.data

    const find = async () => (await adminApi(`/admin/debtor-invoices?q=${encodeURIComponent(email)}`)).body.invoices as (Invoice & { customer_name: string; address_lines: string[] })[]
    await expect.poll(async () => (await find()).length, { timeout: 20_000 }).toBe(1)
    const [invoice] = await find()
    expect(invoice).toEqual(expect.objectContaining({ total: order.total, currency_code: "eur", status: "open", customer_name: "Ada Lovelace" }))
    expect(invoice.address_lines).toEqual(["Ring 1", "10115 Berlin", "DE"])

    const mail = await waitForMail((m) => m.envelopeTo.includes(email) && m.subject.includes(invoice.number))
    expect(await pdfText(mail.attachments[0].content)).toContain(invoice.number)
  })
})
