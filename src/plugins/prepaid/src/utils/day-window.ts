/**
 * Business days in a location's IANA time zone, computed with the runtime's
 * time zone database (no library): the day is midnight to midnight local time,
 * 23 or 25 hours long on the days clocks change.
 */

export type DayWindow = {
  /** The local calendar day, YYYY-MM-DD. */
  day: string
  /** The first instant of the local day (inclusive). */
  start: Date
  /** The first instant of the next local day (exclusive). */
  end: Date
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** The local wall-clock fields of an instant. */
function localFields(ms: number, timeZone: string): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const parts: Record<string, number> = {}
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== "literal") {
      parts[p.type] = Number(p.value)
    }
  }
  return { y: parts.year, m: parts.month, d: parts.day, h: parts.hour % 24, mi: parts.minute, s: parts.second }
}

/** Local time minus UTC at an instant, in ms (Europe/Berlin in summer: +7 200 000). */
function offsetAt(ms: number, timeZone: string): number {
  const f = localFields(ms, timeZone)
  const wholeSeconds = Math.floor(ms / 1000) * 1000
  return Date.UTC(f.y, f.m - 1, f.d, f.h, f.mi, f.s) - wholeSeconds
}

/** The first instant of the local day y-m-d (month 1-based; days overflow as Date.UTC does). */
function localMidnight(y: number, m: number, d: number, timeZone: string): number {
  const wall = Date.UTC(y, m - 1, d)
  let t = wall - offsetAt(wall, timeZone)
  // Near a clock change the offset at the guess can differ from the offset at midnight.
  const again = wall - offsetAt(t, timeZone)
  if (again !== t) {
    t = Math.min(t, again)
  }
  return t
}

/** The local day in `timeZone` that contains the instant `at`. */
export function dayWindow(at: Date, timeZone: string): DayWindow {
  const f = localFields(at.getTime(), timeZone)
  const start = localMidnight(f.y, f.m, f.d, timeZone)
  const end = localMidnight(f.y, f.m, f.d + 1, timeZone)
  const day = `${String(f.y).padStart(4, "0")}-${String(f.m).padStart(2, "0")}-${String(f.d).padStart(2, "0")}`
  return { day, start: new Date(start), end: new Date(end) }
}
