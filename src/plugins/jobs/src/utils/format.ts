import type { Locale } from "../types"

const TAGS: Record<Locale, string> = { de: "de-DE", en: "en-GB", pt: "pt-PT" }

export const localeTag = (locale: Locale): string => TAGS[locale]

/**
 * Intl formatters are expensive to build (a document formats hundreds of
 * amounts): one per locale and options, kept for the process. Bounded: the
 * keys are locales × currencies × a few option sets.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>()
const MAX_FORMATTERS = 500

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined
  if (!f) {
    if (formatters.size >= MAX_FORMATTERS) {
      formatters.clear()
    }
    f = make()
    formatters.set(key, f)
  }
  return f
}

/** Digits after the decimal point of a currency (EUR 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  return cached(`digits ${currency}`, () => new Intl.NumberFormat("en", { style: "currency", currency })).resolvedOptions().maximumFractionDigits ?? 2
}

/** Minor units → "12,50 €" in the locale: formatting only, at the edge. */
export function formatMoney(amount_minor: number, currency: string, locale: Locale): string {
  const digits = currencyDigits(currency)
  return cached(`money ${locale} ${currency}`, () => new Intl.NumberFormat(TAGS[locale], { style: "currency", currency })).format(amount_minor / 10 ** digits)
}

/** "2026-03-01" → "01.03.2026" / "01/03/2026"; a date is a calendar day, not an instant. */
export function formatDate(iso: string, locale: Locale): string {
  const day = iso.slice(0, 10)
  return cached(`date ${locale}`, () => new Intl.DateTimeFormat(TAGS[locale], { dateStyle: "medium", timeZone: "UTC" })).format(new Date(`${day}T00:00:00Z`))
}

/** An instant shown in the location's time zone. */
export function formatDateTime(iso: string, timeZone: string, locale: Locale): string {
  let zone = timeZone
  try {
    new Intl.DateTimeFormat("en", { timeZone })
  } catch {
    zone = "UTC"
  }
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: "full", timeStyle: "short", timeZone: zone }).format(new Date(iso))
}

/** A postal address as the lines of a document's address block: street lines, postcode and city, country; empty parts left out. */
export function addressLines(a: {
  address_1?: string | null
  address_2?: string | null
  postal_code?: string | null
  city?: string | null
  country_code?: string | null
}): string[] {
  return [a.address_1, a.address_2, [a.postal_code, a.city].filter(Boolean).join(" "), a.country_code?.toUpperCase()]
    .map((l) => (l ?? "").trim())
    .filter(Boolean)
}

export function formatNumber(n: number, locale: Locale, maxDigits = 3): string {
  return cached(`number ${locale} ${maxDigits}`, () => new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: maxDigits })).format(n)
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
}
