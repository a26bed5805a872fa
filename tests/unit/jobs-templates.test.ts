/**
 * Mail templates of every kind in German, English and Portuguese, the HTML
 * escaping of user data, and the invoice arithmetic (tax per rate). The kinds
 * of debtor, gift-card, prepaid and loyalty are registered by their owners'
 * loaders (decision 74), as the server does it: the compiled plugins, one
 * module instance of jobs' registry.
 */
import path from "path"

import { describe, expect, it } from "vitest"

import { ROOT } from "../support/server"

// eslint-disable-next-line @typescript-eslint/no-require-imports
const dist = (plugin: string, file: string) => require(path.join(ROOT, "src/plugins", plugin, "dist", file))
type Rendered = { subject: string; html: string; text: string; unsubscribe_url?: string }
const { renderMail } = dist("jobs", "mail/templates") as { renderMail(kind: string, data: unknown, locale: string | null | undefined, branding: unknown): Rendered }
type Totals = { tax_groups: unknown[]; net_minor: number; tax_minor: number; gross_minor: number }
/** The figures the invoice PDF prints: the debtor's integer arithmetic. */
const { documentTotals: computeInvoiceTotals } = dist("debtor", "utils/totals") as { documentTotals(d: unknown): Totals }
const { invoiceDocumentSchema } = dist("debtor", "documents/invoice")
const { isValidIban } = dist("jobs", "schemas") as { isValidIban(s: string): boolean }
const { DEFAULT_BRANDING } = dist("jobs", "services/branding")
const { LOCALES } = dist("jobs", "types") as { LOCALES: readonly ("de" | "en" | "pt")[] }
for (const owner of ["debtor", "gift-card", "prepaid", "loyalty"]) {
  dist(owner, "loaders/registrations").default()
}

const branding = { ...DEFAULT_BRANDING, sender_name: "Café Müller", company_address: ["Marktplatz 1", "10115 Berlin"], vat_id: "DE123456789" }

const samples = {
  invoice: { customer_name: "Anna", invoice_number: "RE-1", total_minor: 12345, currency_code: "EUR", due_date: "2026-03-01" },
  invoice_reminder: { customer_name: "Anna", invoice_number: "RE-1", open_minor: 12345, currency_code: "EUR", due_date: "2026-03-01" },
  credit_note: { customer_name: "Anna", credit_note_number: "GS-1", invoice_number: "RE-1", total_minor: 500, currency_code: "EUR" },
  statement: { customer_name: "Anna", as_of: "2026-02-28", open_total_minor: 4200, currency_code: "EUR", open_items: 3 },
  account_statement: { customer_name: "Anna", as_of: "2026-02-28", balance_minor: -1500, currency_code: "EUR" },
  voucher: { customer_name: "Anna", code: "GV-ABCD-1234", amount_minor: 5000, currency_code: "EUR", valid_until: "2027-12-31", from_name: "Ben" },
  prepaid_receipt: { customer_name: "Anna", card_label: "Mensa 0042", amount_minor: 2000, balance_minor: 2750, currency_code: "EUR", location_name: "Mensa Nord" },
  birthday: { customer_name: "Anna", reward: "Ein Dessert" },
  points_expiry: { customer_name: "Anna", points: 1250, expires_at: "2026-12-31" },
  reactivation: { customer_name: "Anna", offer: "10 % auf alles", offer_valid_until: "2026-06-30" },
  booking_confirmation: {
    customer_name: "Anna",
    reference: "B-77",
    starts_at: "2026-05-01T17:30:00Z",
    time_zone: "Europe/Berlin",
    party_size: 4,
    location_name: "Café am Markt",
    cancel_url: "https://example.com/cancel/abc",
  },
  generic: { customer_name: "Anna", subject: "Hallo", body: "Erster Absatz.\n\nZweiter Absatz." },
}
const MAIL_KINDS = Object.keys(samples) as (keyof typeof samples)[]

describe("mail templates", () => {
  for (const kind of MAIL_KINDS) {
    for (const locale of LOCALES) {
      it(`renders ${kind} in ${locale} with subject, html and text in the merchant's design`, () => {
        const mail = renderMail(kind, samples[kind], locale, branding)
        expect(mail.subject.length).toBeGreaterThan(3)
        expect(mail.html).toContain("Café Müller")
        expect(mail.html).toContain(branding.primary_color)
        expect(mail.text).toContain("Anna")
        expect(mail.text).toContain("DE123456789")
        expect(mail.html).not.toMatch(/undefined|null|NaN|\[object/)
        expect(mail.text).not.toMatch(/undefined|NaN|\[object/)
      })
    }
  }

  it("speaks the customer's language and falls back to the merchant's default", () => {
    expect(renderMail("invoice", samples.invoice, "pt", branding).subject).toBe("A sua fatura RE-1 de Café Müller")
    expect(renderMail("invoice", samples.invoice, null, { ...branding, default_locale: "en" }).subject).toBe("Your invoice RE-1 from Café Müller")
    expect(renderMail("invoice", samples.invoice, undefined, branding).text).toMatch(/123,45\s€/)
  })

  it("escapes user data in the HTML and keeps it readable in the text part", () => {
    const mail = renderMail("generic", { customer_name: "<script>alert(1)</script>", subject: "a & b", body: 'x "<img src=x onerror=alert(1)>"' }, "en", branding)
    expect(mail.html).not.toContain("<script>")
    expect(mail.html).not.toContain("<img src=x")
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;")
    expect(mail.text).toContain("<script>alert(1)</script>")
  })

  it("drops a link that is not http(s)", () => {
    const mail = renderMail("booking_confirmation", { ...samples.booking_confirmation, cancel_url: "https://ok.example/c" }, "de", branding)
    expect(mail.html).toContain('href="https://ok.example/c"')
    expect(() => renderMail("booking_confirmation", { ...samples.booking_confirmation, cancel_url: "javascript:alert(1)" }, "de", branding)).toThrow()
  })

  it("puts a marketing mail's unsubscribe link in the footer of both parts, in the customer's language", () => {
    const link = "https://shop.example/store/loyalty/unsubscribe?customer_id=cus_1&token=abc"
    for (const kind of ["birthday", "reactivation"] as const) {
      const de = renderMail(kind, { ...samples[kind], unsubscribe_url: link }, "de", branding)
      expect(de.unsubscribe_url).toBe(link)
      expect(de.html).toContain(`href="${link.replace(/&/g, "&amp;")}"`)
      expect(de.html).toContain("Keine solchen E-Mails mehr erhalten")
      expect(de.text.split("-- ")[1]).toContain(`Keine solchen E-Mails mehr erhalten: ${link}`)
      expect(renderMail(kind, { ...samples[kind], unsubscribe_url: link }, "pt", branding).text).toContain("Deixar de receber estes e-mails")
      const without = renderMail(kind, samples[kind], "en", branding)
      expect(without.unsubscribe_url).toBeUndefined()
      expect(without.text).not.toContain("Unsubscribe")
      expect(() => renderMail(kind, { ...samples[kind], unsubscribe_url: "javascript:alert(1)" }, "de", branding)).toThrow()
    }
  })

  it("refuses data that does not fit the kind", () => {
    expect(() => renderMail("invoice", { invoice_number: "RE-1" }, "de", branding)).toThrow()
  })
})

describe("invoice totals", () => {
  const invoice = (lines: { quantity: number; unit_price_minor: number; tax_rate: number }[], prices_include_tax = false) =>
    invoiceDocumentSchema.parse({
      number: "RE-1",
      issue_date: "2026-01-31",
      delivery_date: "2026-01-31",
      currency_code: "EUR",
      buyer: { name: "Anna" },
      lines: lines.map((l, i) => ({ description: `line ${i}`, ...l })),
      prices_include_tax,
    })

  it("computes net, tax and gross per tax rate, tax on each rate's sum", () => {
    const totals = computeInvoiceTotals(invoice([
      { quantity: 2, unit_price_minor: 1250, tax_rate: 7 },
      { quantity: 2, unit_price_minor: 900, tax_rate: 19 },
      { quantity: 1, unit_price_minor: 5000, tax_rate: 19 },
    ]))
    expect(totals.tax_groups).toEqual([
      { tax_rate: 19, net_minor: 6800, tax_minor: 1292, gross_minor: 8092 },
      { tax_rate: 7, net_minor: 2500, tax_minor: 175, gross_minor: 2675 },
    ])
    expect(totals).toEqual(expect.objectContaining({ net_minor: 9300, tax_minor: 1467, gross_minor: 10767 }))
  })

  it("splits gross prices into net and tax without losing a cent", () => {
    const totals = computeInvoiceTotals(invoice([{ quantity: 3, unit_price_minor: 333, tax_rate: 19 }], true))
    expect(totals.gross_minor).toBe(999)
    expect(totals.net_minor + totals.tax_minor).toBe(999)
    expect(totals.net_minor).toBe(839)
  })
})

describe("IBAN check", () => {
  it("accepts valid IBANs and refuses a wrong check digit", () => {
    expect(isValidIban("DE89 3704 0044 0532 0130 00")).toBe(true)
    expect(isValidIban("PT50000201231234567890154")).toBe(true)
    expect(isValidIban("DE88 3704 0044 0532 0130 00")).toBe(false)
  })
})
