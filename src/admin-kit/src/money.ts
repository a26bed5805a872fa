/**
 * Money as the merchant reads and types it: integer minor units on the wire,
 * currency units on the screen ("12,50 EUR" in German, "12.50 EUR" in English).
 */
import type { AdminLocale } from "./locale"

/** The BCP 47 tag Intl formats numbers with for a page language. */
const INTL_LOCALE: Record<AdminLocale, string> = { de: "de-DE", en: "en-GB", pt: "pt-PT" }

const intlLocale = (locale: AdminLocale | string): string => INTL_LOCALE[locale as AdminLocale] ?? locale

const digitsCache = new Map<string, number>()

/** The currency's minor digits (EUR 2, JPY 0, KWD 3) as Intl knows them; 2 for a code Intl does not know. */
export function minorDigits(currency: string): number {
  const code = currency.toUpperCase()
  let digits = digitsCache.get(code)
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2
    } catch {
      digits = 2
    }
    digitsCache.set(code, digits)
  }
  return digits
}

/** The number of an amount in the locale, with the currency's minor digits and grouping ("1.234,50"). */
export function formatAmountNumber(minor: number, currency: string, locale: AdminLocale | string, grouping = true): string {
  const digits = minorDigits(currency)
  return new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: grouping }).format(
    minor / 10 ** digits
  )
}

/**
 * Minor units as the merchant reads them: the locale's number followed by the
 * currency code (`formatMoney(1250, "eur", "de")` → "12,50 EUR", "en" → "12.50 EUR").
 * The code after the number reads the same in every language and never confuses
 * currencies that share a sign.
 */
export function formatMoney(minor: number, currency: string, locale: AdminLocale | string): string {
  return `${formatAmountNumber(minor, currency, locale)} ${currency.toUpperCase()}`
}

/** Minor units as an amount field shows them for editing ("12,50" in German): no grouping, no code. */
export function formatAmountInput(minor: number, currency: string, locale: AdminLocale | string): string {
  return formatAmountNumber(minor, currency, locale, false)
}

export type ParseAmountOptions = {
  /** Accept a leading minus (an adjustment that takes away). Default: refused. */
  negative?: boolean
}

/** At most this many whole digits: far beyond any till, well inside a safe integer. */
const MAX_WHOLE_DIGITS = 12

/**
 * An amount typed in currency units as integer minor units:
 * `parseAmount("12,50", "eur")` and `parseAmount("12.50", "eur")` → 1250, "12" → 1200,
 * "1.234,50" / "1,234.50" / "1 234,50" → 123450. Null for anything that is not
 * exactly an amount in that currency: letters, two decimal marks, more decimals than
 * the currency has ("1,999" for EUR is refused rather than guessed), an empty field.
 */
export function parseAmount(text: string, currency: string, options: ParseAmountOptions = {}): number | null {
  const digits = minorDigits(currency)
  let t = String(text ?? "").trim()
  let sign = 1
  if (/^[-−]/.test(t)) {
    if (!options.negative) return null
    sign = -1
    t = t.slice(1).trim()
  }
  // Spaces (also no-break and narrow no-break) and apostrophes only ever group thousands.
  if (/[\s\u00a0\u202f']/.test(t) && !/^\d{1,3}([\s\u00a0\u202f']\d{3})+([.,]\d+)?$/.test(t)) return null
  t = t.replace(/[\s\u00a0\u202f']/g, "")
  if (!/^\d[\d.,]*$/.test(t) || /[.,]$/.test(t)) return null
  const dots = t.split(".").length - 1
  const commas = t.split(",").length - 1
  let whole = t
  let fraction = ""
  if (dots > 0 && commas > 0) {
    // Both marks: the last one is the decimal mark, the other groups.
    const decimal = t.lastIndexOf(".") > t.lastIndexOf(",") ? "." : ","
    const group = decimal === "." ? "," : "."
    if (t.split(decimal).length - 1 !== 1) return null
    ;[whole, fraction] = t.split(decimal)
    if (!new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(whole)) return null
    whole = whole.split(group).join("")
  } else if (dots + commas > 1) {
    // One mark several times: thousands ("1.234.567").
    const group = dots ? "." : ","
    if (!new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(t)) return null
    whole = t.split(group).join("")
  } else if (dots + commas === 1) {
    ;[whole, fraction] = t.split(dots ? "." : ",")
  }
  if (fraction.length > digits || whole.length > MAX_WHOLE_DIGITS) return null
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0")
  if (!Number.isSafeInteger(minor)) return null
  return sign * minor || 0
}
