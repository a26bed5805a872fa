/**
 * The mail and document pipeline over HTTP against the real server, Redis
 * (BullMQ) and a real SMTP server (the sink of the global setup): mails arrive
 * with their PDFs, survive an SMTP outage, are sent once per business key,
 * failed ones are listed and retried; branding, previews, documents, schedules.
 */
import { describe, expect, inject, it } from "vitest"

import { adminApi, adminToken, api } from "../support/api"
import { mailsTo, setRecipientMode, uniqueAddress, waitForMail } from "../support/mail"
import { pdfText } from "../support/pdf"

type Mail = { id: string; key: string; status: "queued" | "sent" | "failed"; attempts: number; last_error: string | null }

async function enqueue(body: Record<string, unknown>) {
  const res = await adminApi<{ mail: Mail }>("/admin/jobs/mails", { body })
  expect(res.status, res.text).toBe(202)
  return res.body.mail
}

async function mailById(id: string): Promise<Mail & { html: string | null; text: string | null; subject: string | null }> {
  const res = await adminApi(`/admin/jobs/mails/${id}`)
  expect(res.status).toBe(200)
  return res.body.mail
}

/** Polls a mail until `done` holds for it (the worker is asynchronous by design). */
async function waitForMailRow(id: string, done: (m: Mail) => boolean, timeout_ms = 20_000): Promise<Mail> {
  const deadline = Date.now() + timeout_ms
  for (;;) {
    const mail = await mailById(id)
    if (done(mail)) return mail
    if (Date.now() > deadline) throw new Error(`mail ${id} did not reach the expected state: ${JSON.stringify(mail)}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

const invoiceData = (number: string) => ({
  number,
  issue_date: "2026-01-31",
  delivery_date: "2026-01-30",
  due_date: "2026-02-14",
  currency_code: "EUR",
  buyer: { name: "Anna Beispiel", address_lines: ["Musterstraße 1", "10115 Berlin"] },
  lines: [
    { description: "Mittagsmenü", quantity: 2, unit_price_minor: 1250, tax_rate: 7 },
    { description: "Weinbegleitung", quantity: 2, unit_price_minor: 900, tax_rate: 19 },
    { description: "Catering-Pauschale", quantity: 1, unit_price_minor: 5000, tax_rate: 19 },
  ],
})

/** Sends a marker mail to `to` and waits for it: anything queued for `to` before it has had its chance to arrive. */
async function flush(to: string): Promise<void> {
  const marker = await enqueue({ key: `marker:${to}:${Date.now()}`, kind: "generic", to, data: { subject: "marker", body: "marker" } })
  await waitForMail((m) => m.envelopeTo.includes(to) && m.subject === "marker")
  await waitForMailRow(marker.id, (m) => m.status === "sent")
}

describe("mail with documents", () => {
  it("delivers an invoice mail with its PDF, whose text holds the number, the seller's VAT id and the totals", async () => {
    const branding = await adminApi("/admin/jobs/branding", {
      body: { sender_name: "Café Müller", vat_id: "DE123456789", company_address: ["Marktplatz 1", "10115 Berlin"], iban: "DE89 3704 0044 0532 0130 00", bic: "COBADEFFXXX" },
    })
    expect(branding.status, branding.text).toBe(200)
    const to = uniqueAddress("invoice")
    const number = `RE-${Date.now()}`
    const mail = await enqueue({
      key: `invoice:${number}:sent`,
      kind: "invoice",
      to,
      locale: "de",
      data: { customer_name: "Anna", invoice_number: number, total_minor: 10767, currency_code: "EUR", due_date: "2026-02-14" },
      attachments: [{ document: { kind: "invoice", key: `invoice:${number}`, data: invoiceData(number) } }],
    })
    expect(mail).toEqual(expect.objectContaining({ status: "queued", key: `invoice:${number}:sent` }))

    const received = await waitForMail((m) => m.envelopeTo.includes(to))
    expect(received.subject).toBe(`Ihre Rechnung ${number} von Café Müller`)
    expect(received.html).toContain("Café Müller")
    expect(received.text).toMatch(/107,67\s€/)
    expect(received.attachments).toHaveLength(1)
    expect(received.attachments[0]).toEqual(expect.objectContaining({ contentType: "application/pdf" }))
    const text = await pdfText(received.attachments[0].content)
    expect(text).toContain(`Rechnung ${number}`)
    expect(text).toContain("DE123456789")
    expect(text).toContain("DE89 3704 0044 0532 0130 00")
    expect(text).toMatch(/Summe netto\s+93,00\s€/)
    expect(text).toMatch(/Summe USt\.\s+14,67\s€/)
    expect(text).toMatch(/Gesamtbetrag\s+107,67\s€/)
    expect(text).toMatch(/Liefer-\/Leistungsdatum\s+30\.01\.2026/)

    const row = await waitForMailRow(mail.id, (m) => m.status === "sent")
    expect(row).toEqual(expect.objectContaining({ attempts: 1, last_error: null }))
  })

  it("sends a test mail with a sample invoice in the requested language", async () => {
    const to = uniqueAddress("test-mail")
    const res = await adminApi("/admin/jobs/test-mail", { body: { to, locale: "pt" } })
    expect(res.status, res.text).toBe(202)
    const received = await waitForMail((m) => m.envelopeTo.includes(to))
    expect(received.subject).toBe("Mensagem de teste")
    expect(await pdfText(received.attachments[0].content)).toContain("Fatura RE-2026-0042")
  })

  it("sends one mail for a business key enqueued twice", async () => {
    const to = uniqueAddress("twice")
    const body = { key: `voucher:${to}:sent`, kind: "voucher", to, locale: "en", data: { code: "GV-TWICE-0001", amount_minor: 2500, currency_code: "EUR" } }
    const [first, second] = await Promise.all([enqueue(body), enqueue(body)])
    expect(second.id).toBe(first.id)
    await waitForMailRow(first.id, (m) => m.status === "sent")
    const third = await enqueue(body)
    expect(third).toEqual(expect.objectContaining({ id: first.id, status: "sent" }))
    await flush(to)
    expect((await mailsTo(to)).filter((m) => m.subject !== "marker")).toHaveLength(1)
  })

  it("delivers exactly once after the SMTP server refused it for a while (451)", async () => {
    const to = uniqueAddress("outage")
    await setRecipientMode(to, "tempfail")
    const mail = await enqueue({ key: `reminder:${to}`, kind: "invoice_reminder", to, data: { invoice_number: "RE-9", open_minor: 1999, currency_code: "EUR", due_date: "2026-01-01" } })
    const failing = await waitForMailRow(mail.id, (m) => m.attempts >= 1)
    expect(failing).toEqual(expect.objectContaining({ status: "queued" }))
    expect(failing.last_error).toMatch(/451/)

    await setRecipientMode(to, "accept")
    await waitForMail((m) => m.envelopeTo.includes(to))
    const sent = await waitForMailRow(mail.id, (m) => m.status === "sent")
    expect(sent.attempts).toBeGreaterThanOrEqual(2)
    await flush(to)
    expect((await mailsTo(to)).filter((m) => m.subject !== "marker")).toHaveLength(1)
  })

  it("lists a mail the SMTP server refused for good (550) as failed and delivers it on retry", async () => {
    const to = uniqueAddress("refused")
    await setRecipientMode(to, "reject")
    const key = `birthday:${to}`
    const mail = await enqueue({ key, kind: "birthday", to, locale: "de", data: { customer_name: "Anna" } })
    const failed = await waitForMailRow(mail.id, (m) => m.status === "failed")
    expect(failed.last_error).toMatch(/550/)
    const list = await adminApi<{ jobs: { id: string; key: string; queue: string }[] }>("/admin/jobs/failed")
    const job = list.body.jobs.find((j) => j.key === key)
    expect(job).toEqual(expect.objectContaining({ queue: "mail" }))

    await setRecipientMode(to, "accept")
    const retried = await adminApi(`/admin/jobs/failed/${encodeURIComponent(job!.id)}/retry`, { method: "POST" })
    expect(retried.status, retried.text).toBe(200)
    const received = await waitForMail((m) => m.envelopeTo.includes(to))
    expect(received.subject).toContain("Geburtstag")
    await waitForMailRow(mail.id, (m) => m.status === "sent")
    const after = await adminApi<{ jobs: { key: string }[] }>("/admin/jobs/failed")
    expect(after.body.jobs.map((j) => j.key)).not.toContain(key)
    expect((await adminApi("/admin/jobs/failed/mail-nothing-here/retry", { method: "POST" })).status).toBe(404)
  })

  it("refuses a mail whose data does not fit its kind, and records nothing", async () => {
    const key = `bad:${Date.now()}`
    const res = await adminApi("/admin/jobs/mails", { body: { key, kind: "invoice", to: "a@example.test", data: { invoice_number: "X" } } })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ type: "invalid_request", message: expect.stringContaining("data.total_minor") })
    const bad = await adminApi("/admin/jobs/mails", { body: { key, kind: "telegram", to: "not-an-address", data: {} } })
    expect(bad.status).toBe(400)
    const log = await adminApi<{ mails: Mail[] }>("/admin/jobs/mails?limit=200")
    expect(log.body.mails.map((m) => m.key)).not.toContain(key)
  })
})

describe("the outbox", () => {
  it("lists mails and shows one mail's content and its .eml", async () => {
    const to = uniqueAddress("outbox")
    const mail = await enqueue({ key: `generic:${to}`, kind: "generic", to, locale: "en", data: { subject: "Hello <there>", body: "Body & more" } })
    await waitForMailRow(mail.id, (m) => m.status === "sent")
    const log = await adminApi<{ mails: Mail[]; count: number; transport: string }>("/admin/jobs/mails?status=sent")
    expect(log.status).toBe(200)
    expect(log.body.transport).toBe("smtp")
    expect(log.body.mails).toEqual(expect.arrayContaining([expect.objectContaining({ id: mail.id, status: "sent" })]))
    const one = await mailById(mail.id)
    expect(one.subject).toBe("Hello <there>")
    expect(one.html).toContain("Body &amp; more")
    const eml = await adminApi(`/admin/jobs/mails/${mail.id}/eml`)
    expect(eml.headers.get("content-type")).toContain("message/rfc822")
    expect(eml.text).toContain(`Message-ID: <${mail.id}@customer-modules>`)
    expect((await adminApi("/admin/jobs/mails?status=lost")).status).toBe(400)
    expect((await adminApi("/admin/jobs/mails/jmail_unknown")).status).toBe(404)
  })

  it("is for admins only", async () => {
    expect((await api("/admin/jobs/mails")).status).toBe(401)
  })
})

describe("branding", () => {
  it("refuses invalid fields with 400 naming them and changes nothing", async () => {
    const before = await adminApi("/admin/jobs/branding")
    const res = await adminApi("/admin/jobs/branding", {
      body: { sender_name: "Changed", primary_color: "red", iban: "DE00 1234", default_locale: "fr", logo: "javascript:alert(1)" },
    })
    expect(res.status).toBe(400)
    expect(res.body.type).toBe("invalid_request")
    for (const field of ["primary_color", "iban", "default_locale", "logo"]) {
      expect(res.body.message).toContain(field)
    }
    expect((await adminApi("/admin/jobs/branding")).body).toEqual(before.body)
    expect((await adminApi("/admin/jobs/branding", { body: { unknown_field: 1 } })).status).toBe(400)
  })

  it("saves valid fields", async () => {
    const res = await adminApi("/admin/jobs/branding", { body: { primary_color: "#0f766e", footer_text: "Amtsgericht Berlin HRB 12345", default_locale: "de" } })
    expect(res.status, res.text).toBe(200)
    expect(res.body.branding).toEqual(expect.objectContaining({ primary_color: "#0f766e", footer_text: "Amtsgericht Berlin HRB 12345" }))
  })
})

describe("documents", () => {
  it("previews a sample voucher and invoice as PDF, with a branding draft too", async () => {
    const token = await adminToken()
    for (const kind of ["voucher", "invoice", "statement", "birthday_letter", "booking_confirmation"]) {
      const res = await fetch(`${inject("baseUrl")}/admin/jobs/preview/${kind}`, { headers: { authorization: `Bearer ${token}` } })
      expect(res.status, kind).toBe(200)
      expect(res.headers.get("content-type")).toBe("application/pdf")
      const bytes = Buffer.from(await res.arrayBuffer())
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-")
      if (kind === "voucher") {
        expect(await pdfText(bytes)).toContain("GV-7Q4M-K2XP-9D3A")
      }
    }
    const draft = await adminApi("/admin/jobs/preview/invoice", { body: { sender_name: "Draft GmbH" } })
    expect(draft.status).toBe(200)
    expect((await adminApi("/admin/jobs/preview/invoice", { body: { primary_color: "nope" } })).status).toBe(400)
    expect((await adminApi("/admin/jobs/preview/menu")).status).toBe(400)
  })

  it("renders a queued document once per key, stores it and serves the download", async () => {
    const key = `statement:${Date.now()}`
    const body = {
      key,
      kind: "statement",
      data: {
        as_of: "2026-01-31",
        currency_code: "EUR",
        customer: { name: "Anna Beispiel" },
        items: [
          { date: "2026-01-02", reference: "RE-1", amount_minor: 1000 },
          { date: "2026-01-09", reference: "RE-2", amount_minor: 2550 },
        ],
      },
    }
    const first = await adminApi("/admin/jobs/documents", { body })
    expect(first.status, first.text).toBe(202)
    const again = await adminApi("/admin/jobs/documents", { body })
    expect(again.body.document.id).toBe(first.body.document.id)
    const id = first.body.document.id as string
    const deadline = Date.now() + 20_000
    let doc = first.body.document
    while (doc.status !== "rendered" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100))
      doc = (await adminApi(`/admin/jobs/documents/${id}`)).body.document
    }
    expect(doc).toEqual(expect.objectContaining({ status: "rendered", url: `/admin/jobs/documents/${id}/download` }))
    const token = await adminToken()
    const res = await fetch(`${inject("baseUrl")}${doc.url}`, { headers: { authorization: `Bearer ${token}` } })
    expect(res.headers.get("content-type")).toBe("application/pdf")
    expect(await pdfText(Buffer.from(await res.arrayBuffer()))).toMatch(/35,50\s€/)
    const list = await adminApi("/admin/jobs/documents")
    expect(list.body.documents.map((d: { id: string }) => d.id)).toContain(id)
    expect((await adminApi("/admin/jobs/documents", { body: { key: "x", kind: "invoice", data: { number: "1" } } })).status).toBe(400)
    expect((await adminApi("/admin/jobs/documents/jdoc_unknown/download")).status).toBe(404)
  })
})

describe("schedules", () => {
  it("lists the registered schedules and runs one on demand", async () => {
    const list = await adminApi("/admin/jobs/schedules")
    expect(list.body.schedules).toEqual(expect.arrayContaining([expect.objectContaining({ name: "jobs.requeue-queued-mails", cron: "*/5 * * * *" })]))
    const run = await adminApi("/admin/jobs/schedules/jobs.requeue-queued-mails/run", { body: { now: "2026-01-31T06:00:00Z" } })
    expect(run.status, run.text).toBe(200)
    expect(run.body.run).toEqual(expect.objectContaining({ status: "ok", now: "2026-01-31T06:00:00.000Z", result: { requeued: 0 } }))
    const after = await adminApi("/admin/jobs/schedules")
    expect(after.body.schedules.find((s: { name: string }) => s.name === "jobs.requeue-queued-mails")).toEqual(
      expect.objectContaining({ last_status: "ok", last_run_at: expect.any(String) })
    )
    expect((await adminApi("/admin/jobs/schedules/nope/run", { body: {} })).status).toBe(404)
    expect((await adminApi("/admin/jobs/schedules/jobs.requeue-queued-mails/run", { body: { now: "yesterday" } })).status).toBe(400)
  })
})

describe("kinds", () => {
  it("lists every mail and document kind with the plugin it belongs to", async () => {
    const res = await adminApi("/admin/jobs/kinds")
    expect(res.status, res.text).toBe(200)
    expect(res.body.mail_kinds).toContainEqual({ kind: "invoice", plugin: "debtor", registered: false })
    expect(res.body.document_kinds).toContainEqual({ kind: "voucher", plugin: "gift-card", registered: false })
    const unknown = await adminApi("/admin/jobs/preview-mail/no_such_kind")
    expect(unknown.status).toBe(404)
    const badMail = await adminApi("/admin/jobs/mails", { body: { key: `k:${Date.now()}`, kind: "no_such_kind", to: "a@example.com", data: {} } })
    expect(badMail.status).toBe(400)
  })
})
