import type { DocumentProps } from "@react-pdf/renderer"
import QRCode from "qrcode"
import type { ReactElement } from "react"

import { registeredDocumentKind } from "../registry"
import { documentSchemas } from "../schemas"
import type { ParsedDocumentData } from "../schemas"
import type { BrandingDTO, DocumentKind, Locale } from "../types"
import type { DocumentBranding } from "./frame"
import { BookingConfirmationDocument } from "./letters"
import { renderElement } from "./paginated"

const IMAGE_FETCH_TIMEOUT_MS = 3_000
const MAX_IMAGE_BYTES = 2_000_000
/** Logos and backgrounds are the same for thousands of documents: kept per URL for a while (a failure shortly). */
const IMAGE_CACHE_MS = 10 * 60_000
const IMAGE_RETRY_MS = 30_000
const MAX_CACHED_IMAGES = 20
const images = new Map<string, { data: string | null; until_ms: number }>()

/**
 * Renders a document to a PDF buffer in the merchant's design. `data` is
 * validated for the kind (a ZodError when it does not fit). Remote images
 * (logo, voucher background) are fetched with a timeout and kept for ten
 * minutes; one that cannot be fetched is left out rather than failing the document.
 */
export async function renderDocument(kind: DocumentKind | (string & {}), data: unknown, branding: BrandingDTO): Promise<Buffer> {
  return renderElement(await documentElement(kind, data, branding))
}

/** The document as a react-pdf element (data validated, images resolved), not yet laid out. */
export async function documentElement(kind: DocumentKind | (string & {}), data: unknown, branding: BrandingDTO): Promise<ReactElement<DocumentProps>> {
  const registered = registeredDocumentKind(kind)?.def
  if (registered) {
    const parsed = registered.schema.parse(data) as { locale?: Locale | null }
    const locale: Locale = parsed?.locale ?? branding.default_locale
    const b: DocumentBranding = { ...branding, logo_data: await loadImage(branding.logo) }
    return registered.element(parsed, { branding: b, locale, qr: qrDataUri, image: (src) => loadImage(src ?? null) })
  }
  if (!(kind in documentSchemas)) {
    throw new Error(`unknown document kind ${kind}`)
  }
  const parsed = documentSchemas[kind as DocumentKind].parse(data)
  const locale: Locale = (parsed as { locale?: Locale | null }).locale ?? branding.default_locale
  const b: DocumentBranding = { ...branding, logo_data: await loadImage(branding.logo) }
  switch (kind as DocumentKind) {
    case "booking_confirmation":
      return <BookingConfirmationDocument data={parsed as ParsedDocumentData["booking_confirmation"]} branding={b} locale={locale} />
  }
}

/** A QR code as a PNG data URI, as every document prints it. */
function qrDataUri(payload: string): Promise<string> {
  return QRCode.toDataURL(payload, { margin: 1, width: 300, errorCorrectionLevel: "M" })
}

/** A data URI for react-pdf: data URIs pass, http(s) images are fetched (bounded), anything else is dropped. */
async function loadImage(src: string | null): Promise<string | null> {
  if (!src) {
    return null
  }
  if (/^data:image\/(png|jpeg);base64,/.test(src)) {
    return src
  }
  if (!/^https?:\/\//.test(src)) {
    return null
  }
  const hit = images.get(src)
  if (hit && hit.until_ms > Date.now()) {
    return hit.data
  }
  const data = await fetchImage(src)
  if (images.size >= MAX_CACHED_IMAGES) {
    images.delete(images.keys().next().value as string)
  }
  images.set(src, { data, until_ms: Date.now() + (data ? IMAGE_CACHE_MS : IMAGE_RETRY_MS) })
  return data
}

async function fetchImage(src: string): Promise<string | null> {
  try {
    const res = await fetch(src, { signal: AbortSignal.timeout(IMAGE_FETCH_TIMEOUT_MS) })
    const type = res.headers.get("content-type") ?? ""
    if (!res.ok || !/^image\/(png|jpeg)/.test(type)) {
      return null
    }
    const bytes = Buffer.from(await res.arrayBuffer())
    return bytes.length <= MAX_IMAGE_BYTES ? `data:${type.split(";")[0]};base64,${bytes.toString("base64")}` : null
  } catch {
    return null
  }
}
