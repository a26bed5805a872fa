/**
 * The calendar day (`YYYY-MM-DD`) an instant falls on in an IANA time zone:
 * the one local-date rule of every plugin (business days, validity ends,
 * reports). Built from the formatter's parts, not from a locale's layout.
 */
export function localDay(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(instant)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ""
  return `${get("year")}-${get("month")}-${get("day")}`
}

/** `localDay` as numbers (`{ year, month, day }`, month 1–12). */
export function localDayParts(instant: Date, timeZone: string): { year: number; month: number; day: number } {
  const [year, month, day] = localDay(instant, timeZone).split("-").map(Number)
  return { year, month, day }
}
