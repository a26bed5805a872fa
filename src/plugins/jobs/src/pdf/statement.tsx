import { Text, View } from "@react-pdf/renderer"

import type { ParsedDocumentData } from "../schemas"
import type { Locale } from "../types"
import { AddressBlock, DocumentBranding, Frame, styles } from "./frame"
import { LABELS } from "./labels"
import { formatDate, formatMoney } from "../utils/format"

// The reference column holds the longest document number (RE-<8-character prefix>-2026-00001) on one line.
const col = { date: { width: 60 }, ref: { width: 150, paddingRight: 6 }, desc: { flex: 1 }, due: { width: 60 }, amount: { width: 80, textAlign: "right" as const } }

/** Document numbers are never hyphenated: a split number cannot be found again. */
const whole = (word: string): string[] => [word]

/** Open items of a customer with their total. */
export function StatementDocument({ data, branding, locale }: { data: ParsedDocumentData["statement"]; branding: DocumentBranding; locale: Locale }) {
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
