import { Link, Text, View } from "./primitives"
import type { ParsedDocumentData } from "../schemas"
import type { Locale } from "../types"
import { DocumentBranding, Frame, styles } from "./frame"
import { LABELS } from "./labels"
import { formatDateTime } from "../utils/format"

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
