/** How fractional points are settled: `floor` never awards a point not fully earned. */
export type Rounding = "floor" | "round"

/** Points per `unit_minor` minor units, e.g. 1 point per 100 cents (1 euro). */
export type Rate = { points_per_unit: number; unit_minor: number }

/**
 * Points for an eligible amount in minor units, in integer arithmetic (no
 * floats near money): `amount × points_per_unit / unit_minor`, floored or
 * rounded half up. 0 below `min_spend_minor`.
 */
export function pointsFor(amount_minor: number, rate: Rate, rounding: Rounding, min_spend_minor = 0): number {
  if (!Number.isSafeInteger(amount_minor) || amount_minor <= 0 || amount_minor < min_spend_minor) {
    return 0
  }
  const numerator = BigInt(amount_minor) * BigInt(rate.points_per_unit)
  const unit = BigInt(rate.unit_minor)
  const points = rounding === "floor" ? numerator / unit : (numerator * 2n + unit) / (unit * 2n)
  return Number(points)
}

/** `part / whole` of `value`, floored, in integer arithmetic (proportional take-backs and shares). */
export function share(value: number, part: number, whole: number): number {
  if (whole <= 0 || part <= 0 || value <= 0) {
    return 0
  }
  if (part >= whole) {
    return value
  }
  return Number((BigInt(value) * BigInt(part)) / BigInt(whole))
}

/** Month and day ("MM-DD") and year of an instant in an IANA time zone. */
export function localDate(instant: Date, time_zone: string): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: time_zone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(instant)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return { year: get("year"), month: get("month"), day: get("day") }
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/**
 * The "MM-DD" keys (and month·100 + day) of birthdays celebrated on each of `days` local days from
 * `instant` on, with the date each falls on. A 29 February birthday is
 * celebrated on 28 February in years without one.
 */
export function birthdayKeys(instant: Date, time_zone: string, days: number): { key: string; md: number; date: string }[] {
  const start = localDate(instant, time_zone)
  const out: { key: string; md: number; date: string }[] = []
  for (let i = 0; i < days; i++) {
    const d = new Date(Date.UTC(start.year, start.month - 1, start.day + i))
    const y = d.getUTCFullYear()
    const m = d.getUTCMonth() + 1
    const day = d.getUTCDate()
    const key = `${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`
    const date = `${y}-${key}`
    out.push({ key, md: m * 100 + day, date })
    if (m === 2 && day === 28 && !isLeap(y)) {
      out.push({ key: "02-29", md: 229, date })
    }
  }
  return out
}
