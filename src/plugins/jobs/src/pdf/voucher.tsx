import { Image, Text, View } from "@react-pdf/renderer"

import type { ParsedDocumentData } from "../schemas"
import type { Locale } from "../types"
import { DocumentBranding, Frame, styles } from "./frame"
import { LABELS } from "./labels"
import { formatDate, formatMoney } from "../utils/format"

/** A gift voucher: amount, code, QR code, optional background image and message. */
export function VoucherDocument({ data, branding, locale, qr, background }: { data: ParsedDocumentData["voucher"]; branding: DocumentBranding; locale: Locale; qr: string; background: string | null }) {
  const L = LABELS[locale]
  return (
    <Frame branding={branding} title={`${L.voucher} ${data.code}`}>
      <View style={{ position: "relative", height: 380, borderWidth: 2, borderColor: branding.secondary_color, borderRadius: 8, overflow: "hidden" }}>
        {background ? <Image src={background} style={{ position: "absolute", top: 0, left: 0, width: "100%", height: "100%", objectFit: "cover", opacity: 0.25 }} /> : null}
        <View style={{ padding: 24, flexDirection: "row", justifyContent: "space-between" }}>
          <View style={{ flex: 1 }}>
            <Text style={{ fontSize: 28, fontFamily: "Helvetica-Bold", color: branding.primary_color }}>{L.voucher}</Text>
            {data.recipient_name ? <Text style={{ fontSize: 12, marginTop: 6 }}>{`${L.for}: ${data.recipient_name}`}</Text> : null}
            <Text style={{ fontSize: 11, marginTop: 24, color: "#6b7280" }}>{L.value}</Text>
            <Text style={{ fontSize: 36, fontFamily: "Helvetica-Bold" }}>{formatMoney(data.amount_minor, data.currency_code, locale)}</Text>
            {data.message ? <Text style={{ fontSize: 12, marginTop: 18, maxWidth: 280 }}>{data.message}</Text> : null}
          </View>
          <View style={{ alignItems: "center" }}>
            <Image src={qr} style={{ width: 150, height: 150 }} />
            <Text style={{ fontSize: 9, color: "#6b7280", marginTop: 6 }}>{L.code}</Text>
            <Text style={{ fontSize: 14, fontFamily: "Courier-Bold", letterSpacing: 1 }}>{data.code}</Text>
          </View>
        </View>
        {data.valid_until ? <Text style={[styles.muted, { position: "absolute", bottom: 16, left: 24 }]}>{`${L.valid_until} ${formatDate(data.valid_until, locale)}`}</Text> : null}
      </View>
    </Frame>
  )
}
