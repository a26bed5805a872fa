import { z } from "zod"

import { defineDocumentKind, Document, Page, Text, View } from "@customer-modules/jobs"

/** Address labels, 3 × 8 per A4 sheet of 70 × 37 mm (the common label sheet, e.g. Avery 3474). */
const PER_PAGE = 24
const LABEL_H = 104.9

const L = {
  de: { title: "Adressetiketten Gutscheinversand", order: "Bestellung" },
  en: { title: "Address labels for posted vouchers", order: "Order" },
  pt: { title: "Etiquetas de endereço para vales por correio", order: "Encomenda" },
} as const

const text = (n: number) => z.string().max(n)

const schema = z
  .object({
    labels: z
      .array(
        z
          .object({
            name: text(200),
            line1: text(200),
            line2: text(200).nullable().default(null),
            postal_code: text(20),
            city: text(120),
            country_code: text(2),
            order_display_id: z.number().int().nullable().default(null),
          })
          .strict()
      )
      .min(1)
      .max(1000),
    locale: z.enum(["de", "en", "pt"]).default("de"),
  })
  .strict()

/** Printable address labels of the postal voucher orders (to post), with the merchant as sender. */
export default defineDocumentKind({
  kind: "gift_card_postal_labels",
  plugin: "gift-card",
  schema,
  sample: { labels: [{ name: "Erika Mustermann", line1: "Hauptstraße 1", postal_code: "10115", city: "Berlin", country_code: "DE" }], locale: "de" },
  element(data, c) {
    const T = L[data.locale]
    const b = c.branding
    const sender = [b.sender_name, ...b.company_address].filter(Boolean).join(" · ")
    const pages: (typeof data.labels)[] = []
    for (let i = 0; i < data.labels.length; i += PER_PAGE) {
      pages.push(data.labels.slice(i, i + PER_PAGE))
    }
    return (
      <Document title={T.title} author={b.sender_name} creator="customer-modules">
        {pages.map((page, p) => (
          <Page key={p} size="A4" style={{ paddingTop: 1.4, flexDirection: "row", flexWrap: "wrap", fontFamily: "Helvetica", fontSize: 10 }}>
            {page.map((a, i) => (
              <View key={i} wrap={false} style={{ width: "33.33%", height: LABEL_H, paddingVertical: 10, paddingHorizontal: 14 }}>
                <Text style={{ fontSize: 5.5, color: "#6b7280", marginBottom: 4, textDecoration: "underline" }}>{sender}</Text>
                <Text style={{ fontFamily: "Helvetica-Bold" }}>{a.name}</Text>
                <Text>{a.line1}</Text>
                {a.line2 ? <Text>{a.line2}</Text> : null}
                <Text>{`${a.postal_code} ${a.city}`}</Text>
                <Text>{a.country_code.toUpperCase()}</Text>
                {a.order_display_id !== null ? <Text style={{ fontSize: 5.5, color: "#9ca3af", marginTop: 2 }}>{`${T.order} #${a.order_display_id}`}</Text> : null}
              </View>
            ))}
          </Page>
        ))}
      </Document>
    )
  },
})
