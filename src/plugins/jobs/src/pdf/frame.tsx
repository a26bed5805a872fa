import type { ReactNode } from "react"

import { Document, Image, Page, StyleSheet, Text, View } from "./primitives"
import type { BrandingDTO } from "../types"

/** Branding as documents use it: the logo already resolved to a data URI (or null). */
export type DocumentBranding = BrandingDTO & { logo_data: string | null }

export const styles = StyleSheet.create({
  page: { paddingTop: 40, paddingBottom: 90, paddingHorizontal: 48, fontSize: 10, fontFamily: "Helvetica", color: "#111827" },
  header: { flexDirection: "row", justifyContent: "space-between", alignItems: "center", marginBottom: 24 },
  logo: { maxHeight: 48, maxWidth: 180, objectFit: "contain" },
  sender: { fontSize: 16, fontFamily: "Helvetica-Bold" },
  senderLine: { fontSize: 7, color: "#6b7280", marginBottom: 4 },
  title: { fontSize: 18, fontFamily: "Helvetica-Bold", marginBottom: 12 },
  row: { flexDirection: "row" },
  muted: { color: "#6b7280" },
  bold: { fontFamily: "Helvetica-Bold" },
  footer: { position: "absolute", bottom: 28, left: 48, right: 48, borderTopWidth: 1, borderTopColor: "#e5e7eb", paddingTop: 6, flexDirection: "row", justifyContent: "space-between", fontSize: 7, color: "#6b7280" },
  footerCol: { flex: 1, paddingRight: 8 },
})

/**
 * "page / pages". Marked: renderDocument fills it in once after pagination
 * (paginated.ts, decision 160); the render prop is what react-pdf's own
 * renderToBuffer would use, with a page layout more per split and per page.
 */
const pageOfPages = ({ pageNumber, totalPages }: { pageNumber: number; totalPages: number }) => `${pageNumber} / ${totalPages}`

/**
 * One page in the merchant's design: logo or name, a coloured rule, the legal
 * footer; `numbered` adds "page / pages" (off where one PDF holds several letters).
 */
export function FramePage({ branding, children, footerExtra, numbered = true }: { branding: DocumentBranding; children: ReactNode; footerExtra?: string[]; numbered?: boolean }) {
  const company = [branding.sender_name, ...branding.company_address]
  const tax = [branding.vat_id ? `VAT/USt-IdNr. ${branding.vat_id}` : "", branding.tax_number ? `St.-Nr. ${branding.tax_number}` : ""].filter(Boolean)
  const bank = [branding.bank_name ?? "", branding.iban ? `IBAN ${formatIban(branding.iban)}` : "", branding.bic ? `BIC ${branding.bic}` : ""].filter(Boolean)
  return (
    <Page size="A4" style={styles.page}>
      <View style={styles.header} fixed>
        {branding.logo_data ? <Image src={branding.logo_data} style={styles.logo} /> : <Text style={[styles.sender, { color: branding.primary_color }]}>{branding.sender_name}</Text>}
        <View style={{ width: 120, height: 6, backgroundColor: branding.secondary_color }} />
      </View>
      {children}
      <View style={styles.footer} fixed>
        <View style={styles.footerCol}>{company.map((l, i) => <Text key={i}>{l}</Text>)}</View>
        <View style={styles.footerCol}>{[...tax, ...(footerExtra ?? [])].map((l, i) => <Text key={i}>{l}</Text>)}</View>
        <View style={styles.footerCol}>{bank.map((l, i) => <Text key={i}>{l}</Text>)}</View>
        <View style={styles.footerCol}>
          {branding.footer_text ? <Text>{branding.footer_text}</Text> : null}
          {numbered ? <Text data-page-number render={pageOfPages} /> : null}
        </View>
      </View>
    </Page>
  )
}

/** A one-page-flow document in the merchant's design (pages break as the content needs). */
export function Frame({ branding, title, children, footerExtra }: { branding: DocumentBranding; title: string; children: ReactNode; footerExtra?: string[] }) {
  return (
    <Document title={title} author={branding.sender_name} creator="customer-modules">
      <FramePage branding={branding} footerExtra={footerExtra}>
        {children}
      </FramePage>
    </Document>
  )
}

export const formatIban = (iban: string): string => iban.replace(/(.{4})/g, "$1 ").trim()

/** The sender line above the address window and the recipient's address. */
export function AddressBlock({ branding, lines }: { branding: DocumentBranding; lines: string[] }) {
  return (
    <View style={{ marginBottom: 24, width: 260 }}>
      <Text style={styles.senderLine}>{[branding.sender_name, ...branding.company_address].join(" · ")}</Text>
      {lines.map((l, i) => <Text key={i}>{l}</Text>)}
    </View>
  )
}
