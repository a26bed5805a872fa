/**
 * Which questionnaire a tablet shows at an instant: a weekday-and-time window
 * that covers the local time (in the location's IANA zone) wins; otherwise the
 * assigned questionnaires in turn, each for `rotate_minutes`, counted from the
 * Unix epoch so every server instance and every tablet agrees; otherwise the
 * first. Pure (the clock is a parameter).
 */

export type Window = {
  /** 1 = Monday … 7 = Sunday */
  weekday: number
  /** "HH:MM", inclusive */
  from: string
  /** "HH:MM", exclusive; "24:00" = end of day */
  to: string
  questionnaire_id: string
}

export type Assignment = {
  questionnaire_ids: string[]
  rotate_minutes?: number | null
  windows?: Window[]
}

export type Showing = {
  questionnaire_id: string | null
  /** Why: `window`, `rotation`, `single` or `none`. */
  reason: "window" | "rotation" | "single" | "none"
  /** When the choice may change next (the end of the rotation slot), or null. */
  until: Date | null
}

/** Weekday (1–7) and minutes since midnight of an instant in a time zone. */
export function localClock(at: Date, timeZone: string): { weekday: number; minutes: number } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ""
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(get("weekday")) + 1
  return { weekday, minutes: Number(get("hour")) * 60 + Number(get("minute")) }
}

/** "HH:MM" as minutes since midnight ("24:00" = 1440). */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number)
  return h * 60 + m
}

/** What the assignment shows at `at` in `timeZone`. */
export function showing(assignment: Assignment, at: Date, timeZone: string): Showing {
  if (assignment.windows && assignment.windows.length) {
    const clock = localClock(at, timeZone)
    const hit = assignment.windows.find(
      (w) => w.weekday === clock.weekday && minutesOf(w.from) <= clock.minutes && clock.minutes < minutesOf(w.to)
    )
    if (hit) {
      return { questionnaire_id: hit.questionnaire_id, reason: "window", until: null }
    }
  }
  const ids = assignment.questionnaire_ids
  if (!ids.length) {
    return { questionnaire_id: null, reason: "none", until: null }
  }
  if (ids.length === 1 || !assignment.rotate_minutes) {
    return { questionnaire_id: ids[0], reason: "single", until: null }
  }
  const slot_ms = assignment.rotate_minutes * 60_000
  const slot = Math.floor(at.getTime() / slot_ms)
  return { questionnaire_id: ids[slot % ids.length], reason: "rotation", until: new Date((slot + 1) * slot_ms) }
}
