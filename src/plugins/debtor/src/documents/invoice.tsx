import { Fragment } from "react"
import { z } from "zod"

import { AddressBlock, defineDocumentKind, documentStyles as styles, formatDate, formatIban, formatMoney, formatNumber, Frame, schemaParts as p, StyleSheet, Text, View } from "@customer-modules/jobs"
import type { DocumentBranding, Locale } from "@customer-modules/jobs"

import { LABELS } from "./labels"
import { documentTotals } from "../utils/totals"

export const invoiceLineSchema = z
  .object({
    description: p.text(300),
    /** Up to three decimals (1.5 kg). */
    quantity: z.number().positive().max(1_000_000).refine((q) => Number.isInteger(Math.round(q * 1000)) && Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, "at most three decimals"),
    unit: p.optText(20),
    /** Net price per unit unless `prices_include_tax`. */
    unit_price_minor: p.minor,
    /** 19, 7, 0 … (percent, at most two decimals). */
    tax_rate: z.number().min(0).max(100),
  })
  .strict()

/** An invoice, or with `corrects_invoice_number` a credit note: the debtor's document kind `invoice`. */
export const invoiceDocumentSchema = z
  .object({
    number: p.text(60),
    issue_date: p.isoDate,
    /** Date of delivery or service (or the start of the period); required on a German invoice. */
    delivery_date: p.isoDate,
    delivery_period_end: p.isoDate.nullish(),
    due_date: p.isoDate.nullish(),
    currency_code: p.currency,
    buyer: p.party,
    lines: z.array(invoiceLineSchema).min(1, "an invoice needs at least one line").max(500),
    prices_include_tax: z.boolean().default(false),
    payment_terms: p.optText(500),
    notes: p.optText(1000),
    /** Set for a credit note: the invoice it corrects. */
    corrects_invoice_number: p.optText(60),
    locale: p.locale.nullish(),
  })
  .strict()

export type InvoiceLine = z.input<typeof invoiceLineSchema>
export type InvoiceDocumentData = z.input<typeof invoiceDocumentSchema>
type ParsedInvoice = z.output<typeof invoiceDocumentSchema>

const t = StyleSheet.create({
  meta: { flexDirection: "row", flexWrap: "wrap", marginBottom: 16 },
  metaItem: { width: "50%", flexDirection: "row", marginBottom: 2 },
  metaLabel: { width: 120, color: "#6b7280" },
  head: { flexDirection: "row", borderBottomWidth: 1, paddingBottom: 3, marginBottom: 3, fontFamily: "Helvetica-Bold" },
  line: { flexDirection: "row", paddingVertical: 2, borderBottomWidth: 0.5, borderBottomColor: "#e5e7eb" },
  pos: { width: 24 },
  desc: { flex: 1, paddingRight: 6 },
  qty: { width: 50, textAlign: "right" },
  price: { width: 70, textAlign: "right" },
  rate: { width: 40, textAlign: "right" },
  amount: { width: 75, textAlign: "right" },
  totals: { marginTop: 10, marginLeft: "auto", width: 260 },
  totalRow: { flexDirection: "row", justifyContent: "space-between", paddingVertical: 1 },
  grand: { flexDirection: "row", justifyContent: "space-between", borderTopWidth: 1, marginTop: 3, paddingTop: 3, fontFamily: "Helvetica-Bold", fontSize: 12 },
})

/** A German invoice (§14 UStG): seller, buyer, number, dates, lines, net/tax/gross per rate, totals, terms, bank. */
export function InvoiceDocument({ data, branding, locale }: { data: ParsedInvoice; branding: DocumentBranding; locale: Locale }) {
  const L = LABELS[locale]
  const money = (n: number) => formatMoney(n, data.currency_code, locale)
  // The debtor's integer arithmetic, the figures its invoice rows hold.
  const totals = documentTotals(data)
  const credit = Boolean(data.corrects_invoice_number)
  const title = `${credit ? L.credit_note : L.invoice} ${data.number}`
  const meta: [string, string][] = [
    [credit ? L.credit_note_number : L.invoice_number, data.number],
    [L.issue_date, formatDate(data.issue_date, locale)],
    [L.delivery_date, data.delivery_period_end ? `${formatDate(data.delivery_date, locale)} – ${formatDate(data.delivery_period_end, locale)}` : formatDate(data.delivery_date, locale)],
    ...(data.due_date ? ([[L.due_date, formatDate(data.due_date, locale)]] as [string, string][]) : []),
    ...(data.buyer.customer_number ? ([[L.customer_number, data.buyer.customer_number]] as [string, string][]) : []),
    ...(data.buyer.vat_id ? ([[L.buyer_vat_id, data.buyer.vat_id]] as [string, string][]) : []),
    ...(data.corrects_invoice_number ? ([[L.corrects, data.corrects_invoice_number]] as [string, string][]) : []),
  ]
  const due = data.due_date ? formatDate(data.due_date, locale) : null
  return (
    <Frame branding={branding} title={title}>
      <AddressBlock branding={branding} lines={[data.buyer.name, ...data.buyer.address_lines]} />
      <Text style={[styles.title, { color: branding.primary_color }]}>{title}</Text>
      <View style={t.meta}>
        {meta.map(([k, v]) => (
          <View key={k} style={t.metaItem}><Text style={t.metaLabel}>{k}</Text><Text>{v}</Text></View>
        ))}
      </View>
      <View style={t.head} fixed>
        <Text style={t.pos}>{L.pos}</Text>
        <Text style={t.desc}>{L.description}</Text>
        <Text style={t.qty}>{L.quantity}</Text>
        <Text style={t.price}>{L.unit_price}</Text>
        <Text style={t.rate}>{L.tax_rate}</Text>
        <Text style={t.amount}>{L.amount}</Text>
      </View>
      {data.lines.map((l, i) => (
        <View key={i} style={t.line} wrap={false}>
          <Text style={t.pos}>{i + 1}</Text>
          <Text style={t.desc}>{l.description}</Text>
          <Text style={t.qty}>{`${formatNumber(l.quantity, locale)}${l.unit ? ` ${l.unit}` : ""}`}</Text>
          <Text style={t.price}>{money(l.unit_price_minor)}</Text>
          <Text style={t.rate}>{`${formatNumber(l.tax_rate, locale, 2)} %`}</Text>
          <Text style={t.amount}>{money(totals.lines[i].line_minor)}</Text>
        </View>
      ))}
      <Text style={[styles.muted, { marginTop: 4 }]}>{data.prices_include_tax ? L.prices_gross : L.prices_net}</Text>
      <View style={t.totals} wrap={false}>
        {totals.tax_groups.map((g) => (
          <Fragment key={g.tax_rate}>
            <View style={t.totalRow}><Text style={styles.muted}>{`${L.net} ${L.tax_group(formatNumber(g.tax_rate, locale, 2))}`}</Text><Text>{money(g.net_minor)}</Text></View>
            <View style={t.totalRow}><Text style={styles.muted}>{L.tax_group(formatNumber(g.tax_rate, locale, 2))}</Text><Text>{money(g.tax_minor)}</Text></View>
            <View style={t.totalRow}><Text style={styles.muted}>{`${L.gross} ${L.tax_group(formatNumber(g.tax_rate, locale, 2))}`}</Text><Text>{money(g.gross_minor)}</Text></View>
          </Fragment>
        ))}
        <View style={[t.totalRow, { marginTop: 4 }]}><Text>{L.total_net}</Text><Text>{money(totals.net_minor)}</Text></View>
        <View style={t.totalRow}><Text>{L.total_tax}</Text><Text>{money(totals.tax_minor)}</Text></View>
        <View style={t.grand}><Text>{L.total_gross}</Text><Text>{money(totals.gross_minor)}</Text></View>
      </View>
      <View style={{ marginTop: 18 }} wrap={false}>
        <Text style={styles.bold}>{L.payment_terms}</Text>
        <Text>{data.payment_terms ?? L.default_terms(due)}</Text>
        {branding.iban ? (
          <Text style={{ marginTop: 4 }}>{`${L.bank}: ${[branding.bank_name, `IBAN ${formatIban(branding.iban)}`, branding.bic ? `BIC ${branding.bic}` : null].filter(Boolean).join(", ")}`}</Text>
        ) : null}
        {branding.vat_id ? <Text>{`${L.vat_id}: ${branding.vat_id}`}</Text> : null}
        {branding.tax_number ? <Text>{`${L.tax_number}: ${branding.tax_number}`}</Text> : null}
        {data.notes ? <Text style={{ marginTop: 8 }}>{data.notes}</Text> : null}
      </View>
    </Frame>
  )
}

const today = () => new Date().toISOString().slice(0, 10)

export default defineDocumentKind({
  kind: "invoice",
  plugin: "debtor",
  schema: invoiceDocumentSchema,
  sample: {
    number: "RE-2026-0042",
    issue_date: today(),
    delivery_date: today(),
    due_date: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
    currency_code: "EUR",
    buyer: { name: "Anna Beispiel", address_lines: ["Musterstraße 1", "10115 Berlin"], customer_number: "K-1001" },
    lines: [
      { description: "Mittagsmenü", quantity: 2, unit_price_minor: 1250, tax_rate: 7 },
      { description: "Weinbegleitung", quantity: 2, unit_price_minor: 900, tax_rate: 19 },
      { description: "Catering-Pauschale", quantity: 1, unit_price_minor: 5000, tax_rate: 19 },
    ],
  },
  element: (data, c) => <InvoiceDocument data={data} branding={c.branding} locale={c.locale} />,
})
