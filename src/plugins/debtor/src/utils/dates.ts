import { localDay } from "@customer-modules/core"

/** The calendar day (YYYY-MM-DD) of an instant in an IANA time zone: core's one rule. */
export const localDate: (instant: Date, timeZone: string) => string = localDay

/** A calendar day plus `days` (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}
