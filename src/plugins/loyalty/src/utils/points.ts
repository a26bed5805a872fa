import { localDayParts } from "@customer-modules/core"

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

/**
 * The campaign multiplier (percent) in force at `at` for a sale at
 * `location_id` (null: the web shop): the highest of the running campaigns
 * (they do not stack), 100 without one.
 */
export function campaignAt(
  campaigns: { name: string; multiplier_percent: number; starts_at: string; ends_at: string; location_ids?: string[] }[],
  at: Date,
  location_id: string | null
): { name: string; multiplier_percent: number } | null {
  const t = at.getTime()
  let best: { name: string; multiplier_percent: number } | null = null
  for (const c of campaigns) {
    const running = Date.parse(c.starts_at) <= t && t < Date.parse(c.ends_at)
    const here = !c.location_ids || (location_id !== null && c.location_ids.includes(location_id))
    if (running && here && c.multiplier_percent > (best?.multiplier_percent ?? 100)) {
      best = { name: c.name, multiplier_percent: c.multiplier_percent }
    }
  }
  return best
}

/** Points times a campaign's multiplier (percent), rounded down. */
export function multiplied(points: number, multiplier_percent: number): number {
  return Number((BigInt(points) * BigInt(multiplier_percent)) / 100n)
}

/** A sale's points under the campaign in force at `at` and `location_id` (null: the web shop), with that campaign for the record. */
export function withCampaign(
  points: number,
  campaigns: Parameters<typeof campaignAt>[0],
  at: Date,
  location_id: string | null
): { points: number; campaign: { name: string; multiplier_percent: number } | null } {
  const campaign = campaignAt(campaigns, at, location_id)
  return { points: campaign ? multiplied(points, campaign.multiplier_percent) : points, campaign }
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

/** Year, month and day of an instant in an IANA time zone: core's one local-date rule. */
export const localDate: (instant: Date, time_zone: string) => { year: number; month: number; day: number } = localDayParts

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
