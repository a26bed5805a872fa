/**
 * The debtor plugin's mail kinds (registered from its loader `registrations.ts`):
 * data schema, sample for the admin's preview and the text in de, en and pt.
 */
import { z } from "zod"

import { defineMailKind, mailText, schemaParts as p } from "@customer-modules/jobs"

const greeting = { customer_name: p.name }

const invoiceSchema = z.object({ ...greeting, invoice_number: p.text(60), total_minor: p.minor, currency_code: p.currency, due_date: p.isoDate.nullish() }).strict()
export type InvoiceMailData = z.input<typeof invoiceSchema>

/** To the buyer: the invoice, its PDF attached. */
export const invoiceMail = defineMailKind({
  kind: "invoice",
  plugin: "debtor",
  schema: invoiceSchema,
  sample: { customer_name: "Anna Beispiel", invoice_number: "RE-2026-0042", total_minor: 12345, currency_code: "EUR", due_date: "2026-03-01" },
  templates: {
    de: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Ihre Rechnung ${d.invoice_number} von ${c.sender}`,
      paragraphs: ["vielen Dank für Ihren Einkauf. Im Anhang finden Sie Ihre Rechnung als PDF."],
      details: [
        ["Rechnungsnummer", d.invoice_number],
        ["Betrag", c.money(d.total_minor, d.currency_code)],
        ...(d.due_date ? ([["Fällig am", c.date(d.due_date)]] as [string, string][]) : []),
      ],
    }),
    en: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Your invoice ${d.invoice_number} from ${c.sender}`,
      paragraphs: ["Thank you for your purchase. Please find your invoice attached as a PDF."],
      details: [
        ["Invoice number", d.invoice_number],
        ["Amount", c.money(d.total_minor, d.currency_code)],
        ...(d.due_date ? ([["Due date", c.date(d.due_date)]] as [string, string][]) : []),
      ],
    }),
    pt: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `A sua fatura ${d.invoice_number} de ${c.sender}`,
      paragraphs: ["Obrigado pela sua compra. Em anexo encontra a sua fatura em PDF."],
      details: [
        ["Número da fatura", d.invoice_number],
        ["Valor", c.money(d.total_minor, d.currency_code)],
        ...(d.due_date ? ([["Data de vencimento", c.date(d.due_date)]] as [string, string][]) : []),
      ],
    }),
  },
})

const invoiceReminderSchema = z.object({ ...greeting, invoice_number: p.text(60), open_minor: p.minor, currency_code: p.currency, due_date: p.isoDate, level: z.number().int().min(1).max(3).default(1) }).strict()
export type InvoiceReminderMailData = z.input<typeof invoiceReminderSchema>

/** To the buyer: an invoice past its due date is still open. */
export const invoiceReminderMail = defineMailKind({
  kind: "invoice_reminder",
  plugin: "debtor",
  schema: invoiceReminderSchema,
  sample: { customer_name: "Anna Beispiel", invoice_number: "RE-2026-0042", open_minor: 12345, currency_code: "EUR", due_date: "2026-03-01" },
  templates: {
    de: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Zahlungserinnerung zur Rechnung ${d.invoice_number}`,
      paragraphs: [
        `sicher ist es Ihrer Aufmerksamkeit entgangen: Die Rechnung ${d.invoice_number} war am ${c.date(d.due_date)} fällig und ist noch offen.`,
        "Bitte überweisen Sie den offenen Betrag in den nächsten Tagen. Hat sich Ihre Zahlung mit dieser Nachricht überschnitten, betrachten Sie sie bitte als gegenstandslos.",
      ],
      details: [["Offener Betrag", c.money(d.open_minor, d.currency_code)]],
    }),
    en: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Payment reminder for invoice ${d.invoice_number}`,
      paragraphs: [
        `Invoice ${d.invoice_number} was due on ${c.date(d.due_date)} and is still open.`,
        "Please transfer the open amount within the next few days. If your payment has crossed with this message, please disregard it.",
      ],
      details: [["Amount due", c.money(d.open_minor, d.currency_code)]],
    }),
    pt: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Lembrete de pagamento da fatura ${d.invoice_number}`,
      paragraphs: [
        `A fatura ${d.invoice_number} venceu a ${c.date(d.due_date)} e ainda está em aberto.`,
        "Por favor, transfira o valor em dívida nos próximos dias. Se o seu pagamento se cruzou com esta mensagem, ignore-a.",
      ],
      details: [["Valor em aberto", c.money(d.open_minor, d.currency_code)]],
    }),
  },
})

const creditNoteSchema = z.object({ ...greeting, credit_note_number: p.text(60), invoice_number: p.optText(60), total_minor: p.minor, currency_code: p.currency }).strict()
export type CreditNoteMailData = z.input<typeof creditNoteSchema>

/** To the buyer: a credit note, its PDF attached. */
export const creditNoteMail = defineMailKind({
  kind: "credit_note",
  plugin: "debtor",
  schema: creditNoteSchema,
  sample: { customer_name: "Anna Beispiel", credit_note_number: "GS-2026-0007", invoice_number: "RE-2026-0042", total_minor: 500, currency_code: "EUR" },
  templates: {
    de: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Ihre Gutschrift ${d.credit_note_number}`,
      paragraphs: [`im Anhang finden Sie die Gutschrift ${d.credit_note_number}${d.invoice_number ? ` zur Rechnung ${d.invoice_number}` : ""}.`],
      details: [["Betrag", c.money(d.total_minor, d.currency_code)]],
    }),
    en: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Your credit note ${d.credit_note_number}`,
      paragraphs: [`Please find attached credit note ${d.credit_note_number}${d.invoice_number ? ` for invoice ${d.invoice_number}` : ""}.`],
      details: [["Amount", c.money(d.total_minor, d.currency_code)]],
    }),
    pt: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `A sua nota de crédito ${d.credit_note_number}`,
      paragraphs: [`Em anexo encontra a nota de crédito ${d.credit_note_number}${d.invoice_number ? ` relativa à fatura ${d.invoice_number}` : ""}.`],
      details: [["Valor", c.money(d.total_minor, d.currency_code)]],
    }),
  },
})

const statementSchema = z.object({ ...greeting, as_of: p.isoDate, open_total_minor: p.minor, currency_code: p.currency, open_items: z.number().int().min(0) }).strict()
export type StatementMailData = z.input<typeof statementSchema>

/** To the customer: the open items (the statement PDF attached). */
export const statementMail = defineMailKind({
  kind: "statement",
  plugin: "debtor",
  schema: statementSchema,
  sample: { customer_name: "Anna Beispiel", as_of: "2026-02-28", open_total_minor: 4200, currency_code: "EUR", open_items: 3 },
  templates: {
    de: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Ihr Kontoauszug zum ${c.date(d.as_of)}`,
      paragraphs: [`im Anhang finden Sie die Übersicht Ihrer offenen Posten zum ${c.date(d.as_of)}.`],
      details: [["Offene Posten", String(d.open_items)], ["Summe offen", c.money(d.open_total_minor, d.currency_code)]],
    }),
    en: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Your statement as of ${c.date(d.as_of)}`,
      paragraphs: [`Please find attached your open items as of ${c.date(d.as_of)}.`],
      details: [["Open items", String(d.open_items)], ["Total open", c.money(d.open_total_minor, d.currency_code)]],
    }),
    pt: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `O seu extrato em ${c.date(d.as_of)}`,
      paragraphs: [`Em anexo encontra os seus itens em aberto em ${c.date(d.as_of)}.`],
      details: [["Itens em aberto", String(d.open_items)], ["Total em aberto", c.money(d.open_total_minor, d.currency_code)]],
    }),
  },
})

const accountStatementSchema = z.object({ ...greeting, as_of: p.isoDate, balance_minor: p.minor, currency_code: p.currency }).strict()
export type AccountStatementMailData = z.input<typeof accountStatementSchema>

/** To the customer: the balance of the customer account. */
export const accountStatementMail = defineMailKind({
  kind: "account_statement",
  plugin: "debtor",
  schema: accountStatementSchema,
  sample: { customer_name: "Anna Beispiel", as_of: "2026-02-28", balance_minor: -1500, currency_code: "EUR" },
  templates: {
    de: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Ihr Kundenkonto: Stand ${c.date(d.as_of)}`,
      paragraphs: [d.balance_minor < 0 ? "Ihr Kundenkonto weist einen offenen Betrag aus." : "Hier ist der aktuelle Stand Ihres Kundenkontos."],
      details: [["Saldo", c.money(d.balance_minor, d.currency_code)]],
    }),
    en: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Your customer account as of ${c.date(d.as_of)}`,
      paragraphs: [d.balance_minor < 0 ? "Your customer account shows an amount due." : "Here is the current balance of your customer account."],
      details: [["Balance", c.money(d.balance_minor, d.currency_code)]],
    }),
    pt: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `A sua conta de cliente em ${c.date(d.as_of)}`,
      paragraphs: [d.balance_minor < 0 ? "A sua conta de cliente apresenta um valor em dívida." : "Eis o saldo atual da sua conta de cliente."],
      details: [["Saldo", c.money(d.balance_minor, d.currency_code)]],
    }),
  },
})

/** Every mail kind of the debtor plugin, for its loader. */
export const MAIL_KINDS = [invoiceMail, invoiceReminderMail, creditNoteMail, statementMail, accountStatementMail] as const
