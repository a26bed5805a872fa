import { DateTime } from "luxon"

/** Most dates one series creates. */
export const MAX_SERIES_DATES = 200

/** The local wall time of an instant in a zone, `YYYY-MM-DDTHH:MM`. */
export function localWallTime(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm")
}

/**
 * The instant of a local date and time in a zone. A time that does not exist
 * (the hour skipped when clocks go forward) moves forward by the gap, as the
 * clocks on the wall do.
 */
export function instantOf(day: string, time: string, timeZone: string): Date {
  const dt = DateTime.fromISO(`${day}T${time}`, { zone: timeZone })
  if (!dt.isValid) {
    throw new RangeError(`not a local date and time: ${day} ${time}`)
  }
  return dt.toJSDate()
}

/** The instant `minutes` after a local start, as a duration of real time (a night across a clock change stays as long). */
export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * 60_000)
}

/**
 * The local days from `from` to `until` (both inclusive, `YYYY-MM-DD`) that
 * fall on one of `weekdays` (1 = Monday … 7 = Sunday), at most `limit`.
 */
export function weeklyDays(from: string, until: string, weekdays: number[], limit = MAX_SERIES_DATES): string[] {
  const wanted = new Set(weekdays)
  const days: string[] = []
  let day = DateTime.fromISO(from, { zone: "UTC" })
  const last = DateTime.fromISO(until, { zone: "UTC" })
  while (day <= last) {
    if (wanted.has(day.weekday)) {
      if (days.length >= limit) {
        throw new RangeError(`a series has at most ${limit} dates`)
      }
      days.push(day.toISODate() as string)
    }
    day = day.plus({ days: 1 })
  }
  return days
}
