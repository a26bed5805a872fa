import { Document, Link, Text, View } from "@react-pdf/renderer"

import type { ParsedDocumentData } from "../schemas"
import type { Locale } from "../types"
import { AddressBlock, DocumentBranding, Frame, FramePage, styles } from "./frame"
import { LABELS } from "./labels"
import { formatDate, formatDateTime } from "../utils/format"

type Letter = ParsedDocumentData["birthday_letter"]

/** What a birthday letter says, on its page. */
function BirthdayLetterBody({ data, branding, locale }: { data: Letter; branding: DocumentBranding; locale: Locale }) {
  const L = LABELS[locale]
  return (
    <>
      <AddressBlock branding={branding} lines={[data.customer.name, ...data.customer.address_lines]} />
      <Text style={{ textAlign: "right", marginBottom: 24 }}>{formatDate(data.date, locale)}</Text>
      <Text style={[styles.title, { color: branding.primary_color, fontSize: 24 }]}>{L.birthday}</Text>
      <Text style={{ fontSize: 12, marginBottom: 12 }}>{L.dear(data.customer.name)}</Text>
      <Text style={{ fontSize: 12, lineHeight: 1.5 }}>{data.message ?? L.birthday_default}</Text>
      {data.reward ? (
        <View style={{ marginTop: 24, padding: 16, borderWidth: 2, borderColor: branding.secondary_color, borderRadius: 6 }}>
          <Text style={styles.muted}>{L.reward}</Text>
          <Text style={{ fontSize: 16, fontFamily: "Helvetica-Bold" }}>{data.reward}</Text>
          {data.valid_until ? <Text style={styles.muted}>{`${L.valid_until} ${formatDate(data.valid_until, locale)}`}</Text> : null}
        </View>
      ) : null}
      <Text style={{ marginTop: 32, fontSize: 12 }}>{branding.sender_name}</Text>
    </>
  )
}

/** A birthday letter, printable or attached to the birthday mail. */
export function BirthdayLetterDocument({ data, branding, locale }: { data: Letter; branding: DocumentBranding; locale: Locale }) {
  return (
    <Frame branding={branding} title={LABELS[locale].birthday}>
      <BirthdayLetterBody data={data} branding={branding} locale={locale} />
    </Frame>
  )
}

/** Several birthday letters in one PDF to print, one letter per page, each in its own language. */
export function BirthdayLettersDocument({ data, branding, locale }: { data: ParsedDocumentData["birthday_letters"]; branding: DocumentBranding; locale: Locale }) {
  return (
    <Document title={LABELS[locale].birthday} author={branding.sender_name} creator="customer-modules">
      {data.letters.map((letter, i) => (
        <FramePage key={i} branding={branding} numbered={false}>
          <BirthdayLetterBody data={letter} branding={branding} locale={letter.locale ?? locale} />
        </FramePage>
      ))}
    </Document>
  )
}

/** A table reservation's confirmation. */
export function BookingConfirmationDocument({ data, branding, locale }: { data: ParsedDocumentData["booking_confirmation"]; branding: DocumentBranding; locale: Locale }) {
  const L = LABELS[locale]
  const rows: [string, string][] = [
    [L.reference, data.reference],
    [L.when, formatDateTime(data.starts_at, data.time_zone, locale)],
    [L.guests, String(data.party_size)],
    [L.where, [data.location_name, ...data.location_address].join(", ")],
    ...(data.table ? ([[L.table, data.table]] as [string, string][]) : []),
  ]
  return (
    <Frame branding={branding} title={`${L.booking} ${data.reference}`}>
      <Text style={[styles.title, { color: branding.primary_color }]}>{L.booking}</Text>
      <Text style={{ fontSize: 12, marginBottom: 16 }}>{L.dear(data.customer_name)}</Text>
      {rows.map(([k, v]) => (
        <View key={k} style={{ flexDirection: "row", marginBottom: 4 }}>
          <Text style={[styles.muted, { width: 120 }]}>{k}</Text>
          <Text style={{ flex: 1, fontSize: 12 }}>{v}</Text>
        </View>
      ))}
      {data.notes ? <Text style={{ marginTop: 16 }}>{data.notes}</Text> : null}
      {data.cancel_url ? (
        <Link src={data.cancel_url} style={{ marginTop: 24, color: branding.primary_color }}>{`${L.cancel}: ${data.cancel_url}`}</Link>
      ) : null}
    </Frame>
  )
}
