/**
 * The gift-card plugin's mail kinds (registered from its loader `registrations.ts`):
 * data schema, sample for the admin's preview and the text in de, en and pt.
 */
import { z } from "zod"

import { defineMailKind, mailText, schemaParts as p } from "@customer-modules/jobs"

const greeting = { customer_name: p.name }

const voucherSchema = z.object({ ...greeting, code: p.text(64), amount_minor: p.minor, currency_code: p.currency, valid_until: p.isoDate.nullish(), message: p.optText(500), from_name: p.name }).strict()
export type VoucherMailData = z.input<typeof voucherSchema>

/** To the recipient: a gift voucher, its PDF attached. */
export const voucherMail = defineMailKind({
  kind: "voucher",
  plugin: "gift-card",
  schema: voucherSchema,
  sample: { customer_name: "Anna Beispiel", code: "GV-ABCD-1234", amount_minor: 5000, currency_code: "EUR", valid_until: "2027-12-31", from_name: "Ben" },
  templates: {
    de: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Ihr Gutschein von ${c.sender}`,
      paragraphs: [
        d.from_name ? `${d.from_name} schenkt Ihnen einen Gutschein über ${c.money(d.amount_minor, d.currency_code)}.` : `hier ist Ihr Gutschein über ${c.money(d.amount_minor, d.currency_code)}.`,
        ...(d.message ? [d.message] : []),
        "Den Gutschein als PDF finden Sie im Anhang. Zeigen Sie einfach den Code oder den QR-Code an der Kasse vor.",
      ],
      highlight: d.code,
      details: d.valid_until ? [["Gültig bis", c.date(d.valid_until)]] : [],
    }),
    en: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `Your gift voucher from ${c.sender}`,
      paragraphs: [
        d.from_name ? `${d.from_name} is giving you a voucher worth ${c.money(d.amount_minor, d.currency_code)}.` : `Here is your voucher worth ${c.money(d.amount_minor, d.currency_code)}.`,
        ...(d.message ? [d.message] : []),
        "The voucher is attached as a PDF. Just show the code or the QR code at the till.",
      ],
      highlight: d.code,
      details: d.valid_until ? [["Valid until", c.date(d.valid_until)]] : [],
    }),
    pt: (d, c) => ({
      ...mailText.base(d.customer_name, c),
      subject: `O seu vale de oferta de ${c.sender}`,
      paragraphs: [
        d.from_name ? `${d.from_name} oferece-lhe um vale no valor de ${c.money(d.amount_minor, d.currency_code)}.` : `Aqui está o seu vale no valor de ${c.money(d.amount_minor, d.currency_code)}.`,
        ...(d.message ? [d.message] : []),
        "O vale segue em anexo em PDF. Basta apresentar o código ou o código QR na caixa.",
      ],
      highlight: d.code,
      details: d.valid_until ? [["Válido até", c.date(d.valid_until)]] : [],
    }),
  },
})

/** Every mail kind of the gift-card plugin, for its loader. */
export const MAIL_KINDS = [voucherMail] as const
