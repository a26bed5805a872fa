import { z } from "zod"

import { defineDocumentKind, documentStyles as styles, formatDate, formatMoney, Frame, Image, schemaParts as p, Text, View } from "@customer-modules/jobs"
import type { DocumentBranding, Locale } from "@customer-modules/jobs"

/** A printed or mailed gift voucher (gift-card's document kind `voucher`). */
export const voucherDocumentSchema = z
  .object({
    code: p.text(64),
    amount_minor: p.minor.refine((n) => n > 0, "must be greater than zero"),
    currency_code: p.currency,
    valid_until: p.isoDate.nullish(),
    recipient_name: p.name,
    message: p.optText(500),
    /** Encoded in the QR code; default: the code. */
    qr_payload: p.optText(500),
    /** `data:image/…` or http(s) URL, printed behind the voucher. */
    background_image: p.optText(700_000),
    locale: p.locale.nullish(),
  })
  .strict()

export type VoucherDocumentData = z.input<typeof voucherDocumentSchema>

const LABELS: Record<Locale, { voucher: string; value: string; valid_until: string; for: string; code: string }> = {
  de: { voucher: "Gutschein", value: "Wert", valid_until: "Gültig bis", for: "Für", code: "Code" },
  en: { voucher: "Gift voucher", value: "Value", valid_until: "Valid until", for: "For", code: "Code" },
  pt: { voucher: "Vale de oferta", value: "Valor", valid_until: "Válido até", for: "Para", code: "Código" },
}

/** A gift voucher: amount, code, QR code, optional background image and message. */
export function VoucherDocument({ data, branding, locale, qr, background }: { data: z.output<typeof voucherDocumentSchema>; branding: DocumentBranding; locale: Locale; qr: string; background: string | null }) {
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

export default defineDocumentKind({
  kind: "voucher",
  plugin: "gift-card",
  schema: voucherDocumentSchema,
  sample: {
    code: "GV-7Q4M-K2XP-9D3A",
    amount_minor: 5000,
    currency_code: "EUR",
    valid_until: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
    recipient_name: "Anna Beispiel",
    message: "Alles Gute!",
  },
  element: async (data, c) => (
    <VoucherDocument data={data} branding={c.branding} locale={c.locale} qr={await c.qr(data.qr_payload ?? data.code)} background={await c.image(data.background_image ?? null)} />
  ),
})
