import { csvOf } from "@customer-modules/core"
import type { LedgerSummary } from "@customer-modules/ledger"
import type { PosLocationDTO } from "@customer-modules/pos"

/** What vouchers did at one location (or with no location: admin and web) in the period; amounts in minor units. */
export type LiabilityLine = {
  location_id: string | null
  location: string
  /** Vouchers sold (issue): liability taken on. */
  sold: number
  /** Put back on vouchers (load). */
  reloaded: number
  /** Taken off vouchers as payment (redeem): revenue. */
  redeemed: number
  /** Left on vouchers whose validity ended (expire). */
  expired: number
  /** Paid out when a voucher's sale was refunded (clear). */
  refunded: number
  /** Reversals and adjustments, signed. */
  other: number
}

export type LiabilityReport = {
  currency_code: string
  from: Date
  to: Date
  /** Liability of all vouchers at `from` and at `to`, whatever the location filter. */
  opening: number
  closing: number
  /** Sum of `locations` (of the filtered location only, when one was given). */
  totals: Omit<LiabilityLine, "location_id" | "location">
  locations: LiabilityLine[]
}

const NO_LOCATION = "(no location: admin, web shop)"

/** Turns the ledger's movements by location and type into the liability report. */
export function liabilityOf(
  summary: LedgerSummary,
  input: { currency_code: string; from: Date; to: Date; location_id?: string; locations: PosLocationDTO[] }
): LiabilityReport {
  const names = new Map(input.locations.map((l) => [l.id, l.name]))
  const lines = new Map<string | null, LiabilityLine>()
  for (const m of summary.movements) {
    if (input.location_id && m.location_id !== input.location_id) {
      continue
    }
    const line =
      lines.get(m.location_id) ??
      lines
        .set(m.location_id, {
          location_id: m.location_id,
          location: m.location_id ? names.get(m.location_id) ?? m.location_id : NO_LOCATION,
          sold: 0,
          reloaded: 0,
          redeemed: 0,
          expired: 0,
          refunded: 0,
          other: 0,
        })
        .get(m.location_id)!
    if (m.type === "issue") line.sold += m.amount
    else if (m.type === "load") line.reloaded += m.amount
    else if (m.type === "redeem") line.redeemed -= m.amount
    else if (m.type === "expire") line.expired -= m.amount
    else if (m.type === "clear") line.refunded -= m.amount
    else line.other += m.amount
  }
  const locations = [...lines.values()].sort((a, b) => a.location.localeCompare(b.location))
  const totals = { sold: 0, reloaded: 0, redeemed: 0, expired: 0, refunded: 0, other: 0 }
  for (const l of locations) {
    totals.sold += l.sold
    totals.reloaded += l.reloaded
    totals.redeemed += l.redeemed
    totals.expired += l.expired
    totals.refunded += l.refunded
    totals.other += l.other
  }
  return {
    currency_code: input.currency_code.toLowerCase(),
    from: input.from,
    to: input.to,
    opening: summary.opening,
    closing: summary.closing,
    totals,
    locations,
  }
}

/** Minor units as a decimal string in the currency's own precision (EUR 1234 → "12.34"). */
export function decimal(minor: number, currencyCode: string): string {
  const digits = fractionDigits(currencyCode)
  const sign = minor < 0 ? "-" : ""
  const abs = Math.abs(minor)
  if (digits === 0) {
    return `${sign}${abs}`
  }
  const factor = 10 ** digits
  return `${sign}${Math.floor(abs / factor)}.${String(abs % factor).padStart(digits, "0")}`
}

function fractionDigits(currencyCode: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: currencyCode.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

/** The report as CSV for the accountant: opening, one line per location, total, closing. */
export function liabilityCsv(report: LiabilityReport): string {
  const d = (n: number) => decimal(n, report.currency_code)
  const currency = report.currency_code.toUpperCase()
  const rows: (string | null)[][] = [
    ["line", "location_id", "location", "currency", "sold", "reloaded", "redeemed", "expired", "refunded", "other", "liability"],
    ["opening", null, null, currency, null, null, null, null, null, null, d(report.opening)],
    ...report.locations.map((l) => [
      "movements",
      l.location_id,
      l.location,
      currency,
      d(l.sold),
      d(l.reloaded),
      d(l.redeemed),
      d(l.expired),
      d(l.refunded),
      d(l.other),
      null,
    ]),
    ["total", null, null, currency, d(report.totals.sold), d(report.totals.reloaded), d(report.totals.redeemed), d(report.totals.expired), d(report.totals.refunded), d(report.totals.other), null],
    ["closing", null, null, currency, null, null, null, null, null, null, d(report.closing)],
  ]
  return csvOf(rows)
}
