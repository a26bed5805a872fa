import { z } from "zod"

import { AddressBlock, defineDocumentKind, documentStyles as styles, formatDate, formatMoney, Frame, schemaParts as p, Text, View } from "@customer-modules/jobs"
import type { DocumentBranding, Locale } from "@customer-modules/jobs"

import { LABELS } from "./labels"

/** A customer's open items (the debtor's document kind `statement`). */
export const statementDocumentSchema = z
  .object({
    as_of: p.isoDate,
    currency_code: p.currency,
    customer: p.party,
    items: z
      .array(
        z
          .object({
            date: p.isoDate,
            reference: p.text(80),
            description: p.optText(300),
            due_date: p.isoDate.nullish(),
            /** Positive: the customer owes it; negative: a credit. */
            amount_minor: p.minor,
          })
          .strict()
      )
      .max(1000),
    notes: p.optText(1000),
    locale: p.locale.nullish(),
  })
  .strict()

export type StatementDocumentData = z.input<typeof statementDocumentSchema>

// The reference column holds the longest document number (RE-<8-character prefix>-2026-00001) on one line.
const col = { date: { width: 60 }, ref: { width: 150, paddingRight: 6 }, desc: { flex: 1 }, due: { width: 60 }, amount: { width: 80, textAlign: "right" as const } }

/** Document numbers are never hyphenated: a split number cannot be found again. */
const whole = (word: string): string[] => [word]

/** Open items of a customer with their total. */
export function StatementDocument({ data, branding, locale }: { data: z.output<typeof statementDocumentSchema>; branding: DocumentBranding; locale: Locale }) {
  const L = LABELS[locale]
  const money = (n: number) => formatMoney(n, data.currency_code, locale)
  const total = data.items.reduce((s, i) => s + i.amount_minor, 0)
  return (
    <Frame branding={branding} title={`${L.statement} ${data.as_of}`}>
      <AddressBlock branding={branding} lines={[data.customer.name, ...data.customer.address_lines]} />
      <Text style={[styles.title, { color: branding.primary_color }]}>{L.statement}</Text>
      <Text style={{ marginBottom: 12 }}>{`${L.as_of}: ${formatDate(data.as_of, locale)}${data.customer.customer_number ? ` · ${L.customer_number}: ${data.customer.customer_number}` : ""}`}</Text>
      <View style={{ flexDirection: "row", borderBottomWidth: 1, paddingBottom: 3, fontFamily: "Helvetica-Bold" }} fixed>
        <Text style={col.date}>{L.date}</Text>
        <Text style={col.ref}>{L.reference}</Text>
        <Text style={col.desc}>{L.description}</Text>
        <Text style={col.due}>{L.due_date}</Text>
        <Text style={col.amount}>{L.amount}</Text>
      </View>
      {data.items.map((i, n) => (
        <View key={n} style={{ flexDirection: "row", paddingVertical: 2, borderBottomWidth: 0.5, borderBottomColor: "#e5e7eb" }} wrap={false}>
          <Text style={col.date}>{formatDate(i.date, locale)}</Text>
          <Text style={col.ref} hyphenationCallback={whole}>{i.reference}</Text>
          <Text style={col.desc}>{i.description ?? ""}</Text>
          <Text style={col.due}>{i.due_date ? formatDate(i.due_date, locale) : ""}</Text>
          <Text style={col.amount}>{money(i.amount_minor)}</Text>
        </View>
      ))}
      <View style={{ flexDirection: "row", justifyContent: "space-between", marginTop: 8, marginLeft: "auto", width: 240, borderTopWidth: 1, paddingTop: 3, fontFamily: "Helvetica-Bold", fontSize: 12 }}>
        <Text>{L.open_total}</Text>
        <Text>{money(total)}</Text>
      </View>
      {data.notes ? <Text style={{ marginTop: 16 }}>{data.notes}</Text> : null}
    </Frame>
  )
}

const today = () => new Date().toISOString().slice(0, 10)
const in14 = () => new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10)

export default defineDocumentKind({
  kind: "statement",
  plugin: "debtor",
  schema: statementDocumentSchema,
  sample: {
    as_of: today(),
    currency_code: "EUR",
    customer: { name: "Anna Beispiel", address_lines: ["Musterstraße 1", "10115 Berlin"] },
    items: [
      { date: today(), reference: "RE-2026-0040", description: "Rechnung", due_date: in14(), amount_minor: 4210 },
      { date: today(), reference: "RE-2026-0041", description: "Rechnung", due_date: in14(), amount_minor: 1890 },
    ],
  },
  element: (data, c) => <StatementDocument data={data} branding={c.branding} locale={c.locale} />,
})
