import { z } from "zod"

import { defineDocumentKind, Document, Image, Page, Text, View } from "@customer-modules/jobs"

/** Vouchers on one A4 sheet: two columns of four, each 297.6 × 210 pt (cut along the grid). */
const PER_PAGE = 8

const L = {
  de: { title: "Gutschein", serial: "Seriennummer", pin: "PIN (freirubbeln)", scratch: "Rubbelfeld", load: "Online aufladen:", till: "Code an der Kasse", batch: "Blanko-Gutscheine" },
  en: { title: "Gift voucher", serial: "Serial number", pin: "PIN (scratch to reveal)", scratch: "Scratch field", load: "Load it online:", till: "Code at the till", batch: "Blank vouchers" },
  pt: { title: "Vale-oferta", serial: "Número de série", pin: "PIN (raspe para ver)", scratch: "Campo de raspar", load: "Carregue online:", till: "Código na caixa", batch: "Vales em branco" },
} as const

const schema = z
  .object({
    batch_name: z.string().max(120),
    /** The top-up page the voucher is loaded on (its QR code opens it with the serial filled in). */
    top_up_url: z.string().url().max(500),
    /** A motif of the shop's designs, printed faintly behind each voucher. */
    background_image: z.string().max(1_000_000).nullable().default(null),
    vouchers: z
      .array(z.object({ serial: z.string().regex(/^\d{1,18}$/), code: z.string().max(64), pin: z.string().regex(/^\d{4,16}$/) }).strict())
      .min(1)
      .max(1000),
    locale: z.enum(["de", "en", "pt"]).default("de"),
  })
  .strict()

/** The PIN in groups of four, as printed under the scratch field and accepted with spaces. */
function groups(pin: string): string {
  return pin.replace(/(\d{4})(?=\d)/g, "$1 ")
}

/**
 * The print sheet of a blank-voucher batch: per voucher its serial (and a QR
 * code of the top-up link with the serial), the PIN under a scratch field, the
 * shop's top-up address, the till code, in the merchant's colours and logo.
 */
export default defineDocumentKind({
  kind: "gift_card_blank_sheet",
  plugin: "gift-card",
  schema,
  sample: {
    batch_name: "Sample batch",
    top_up_url: "https://shop.example.com/embed/top-up",
    vouchers: [{ serial: "100001", code: "GC-SAMPLE-0001", pin: "12345678" }],
    locale: "de",
  },
  async element(data, c) {
    const T = L[data.locale]
    const b = c.branding
    const background = await c.image(data.background_image)
    const cells = await Promise.all(
      data.vouchers.map(async (v) => ({ ...v, qr: await c.qr(`${data.top_up_url}${data.top_up_url.includes("?") ? "&" : "?"}serial=${v.serial}`) }))
    )
    const pages: (typeof cells)[] = []
    for (let i = 0; i < cells.length; i += PER_PAGE) {
      pages.push(cells.slice(i, i + PER_PAGE))
    }
    return (
      <Document title={`${T.batch}: ${data.batch_name}`} author={b.sender_name} creator="customer-modules">
        {pages.map((page, p) => (
          <Page key={p} size="A4" style={{ flexDirection: "row", flexWrap: "wrap", fontFamily: "Helvetica", fontSize: 9, color: "#111827" }}>
            {page.map((v) => (
              <View key={v.serial} wrap={false} style={{ width: "50%", height: 210, padding: 14, borderWidth: 0.5, borderStyle: "dashed", borderColor: "#9ca3af", position: "relative" }}>
                {background ? <Image src={background} style={{ position: "absolute", top: 0, left: 0, width: 297.6, height: 210, objectFit: "cover", opacity: 0.18 }} /> : null}
                <View style={{ flexDirection: "row", justifyContent: "space-between", alignItems: "center" }}>
                  {b.logo_data ? (
                    <Image src={b.logo_data} style={{ maxHeight: 26, maxWidth: 110, objectFit: "contain" }} />
                  ) : (
                    <Text style={{ fontSize: 11, fontFamily: "Helvetica-Bold", color: b.primary_color }}>{b.sender_name}</Text>
                  )}
                  <View style={{ width: 60, height: 4, backgroundColor: b.secondary_color }} />
                </View>
                <Text style={{ fontSize: 18, fontFamily: "Helvetica-Bold", color: b.primary_color, marginTop: 8 }}>{T.title}</Text>
                <View style={{ flexDirection: "row", marginTop: 6 }}>
                  <View style={{ flex: 1 }}>
                    <Text style={{ color: "#6b7280", fontSize: 7 }}>{T.serial}</Text>
                    <Text style={{ fontSize: 13, fontFamily: "Courier-Bold" }}>{v.serial}</Text>
                    <Text style={{ color: "#6b7280", fontSize: 7, marginTop: 8 }}>{T.pin}</Text>
                    <View style={{ marginTop: 2, width: 130, height: 26, borderWidth: 1, borderColor: "#6b7280", borderRadius: 4, backgroundColor: "#e5e7eb", justifyContent: "center", alignItems: "center" }}>
                      <Text style={{ fontSize: 12, fontFamily: "Courier-Bold", letterSpacing: 1 }}>{groups(v.pin)}</Text>
                    </View>
                    <Text style={{ color: "#9ca3af", fontSize: 6, marginTop: 1 }}>{T.scratch}</Text>
                  </View>
                  <Image src={v.qr} style={{ width: 78, height: 78 }} />
                </View>
                <Text style={{ marginTop: 8, fontSize: 7, color: "#6b7280" }}>{T.load}</Text>
                <Text style={{ fontSize: 8 }}>{data.top_up_url}</Text>
                <Text style={{ position: "absolute", bottom: 10, left: 14, fontSize: 6, color: "#6b7280" }}>{`${T.till}: ${v.code}`}</Text>
              </View>
            ))}
          </Page>
        ))}
      </Document>
    )
  },
})
