/**
 * The prepaid plugin's mail kinds (registered from its loader `registrations.ts`):
 * data schema, sample for the admin's preview and the text in de, en and pt.
 */
import { z } from "zod"

import { defineMailKind, mailText, schemaParts as p } from "@customer-modules/jobs"

const greeting = { customer_name: p.name }

const prepaidReceiptSchema = z.object({ ...greeting, card_label: p.text(80), amount_minor: p.minor, balance_minor: p.minor, currency_code: p.currency, location_name: p.name }).strict()
export type PrepaidReceiptMailData = z.input<typeof prepaidReceiptSchema>

/** To the card holder: a top-up and the new balance. */
export const prepaidReceiptMail = defineMailKind({
  kind: "prepaid_receipt",
  plugin: "prepaid",
  schema: prepaidReceiptSchema,
  sample: { customer_name: "Anna Beispiel", card_label: "Mensa 0042", amount_minor: 2000, balance_minor: 2750, currency_code: "EUR", location_name: "Mensa Nord" },
  templates: {
    de: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Aufladung Ihrer Karte ${d.card_label}`,
      paragraphs: [`Ihre Karte ${d.card_label} wurde${d.location_name ? ` in ${d.location_name}` : ""} aufgeladen.`],
      details: [["Aufgeladen", c.money(d.amount_minor, d.currency_code)], ["Neues Guthaben", c.money(d.balance_minor, d.currency_code)]],
    }),
    en: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Top-up of your card ${d.card_label}`,
      paragraphs: [`Your card ${d.card_label} was topped up${d.location_name ? ` at ${d.location_name}` : ""}.`],
      details: [["Topped up", c.money(d.amount_minor, d.currency_code)], ["New balance", c.money(d.balance_minor, d.currency_code)]],
    }),
    pt: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Carregamento do seu cartão ${d.card_label}`,
      paragraphs: [`O seu cartão ${d.card_label} foi carregado${d.location_name ? ` em ${d.location_name}` : ""}.`],
      details: [["Carregado", c.money(d.amount_minor, d.currency_code)], ["Novo saldo", c.money(d.balance_minor, d.currency_code)]],
    }),
  },
})

/** Every mail kind of the prepaid plugin, for its loader. */
export const MAIL_KINDS = [prepaidReceiptMail] as const
