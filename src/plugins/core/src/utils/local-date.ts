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

/** Local wall time minus UTC at an instant, in ms (Europe/Berlin in summer: +7 200 000). */
function offsetAt(ms: number, timeZone: string): number {
  const wall = new Date(ms).toLocaleString("sv-SE", { timeZone, hourCycle: "h23" }).replace(" ", "T")
  return Date.parse(`${wall}Z`) - Math.floor(ms / 1000) * 1000
}

/**
 * The instant of the local wall time `hhmm` (`HH:MM`) on `day` (`YYYY-MM-DD`)
 * in an IANA time zone; a time skipped when clocks go forward moves on by the gap.
 */
export function localInstant(day: string, hhmm: string, timeZone: string): Date {
  const wall = Date.parse(`${day}T${hhmm}:00Z`)
  const first = wall - offsetAt(wall, timeZone)
  return new Date(wall - offsetAt(first, timeZone))
}

/** The calendar day `days` after `day` (negative: before), `YYYY-MM-DD`. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split("-").map(Number)
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10)
}
