import { csvOf } from "@customer-modules/core"

import type { CustomerAnalysis, PointsTimeline } from "../services/loyalty-analysis"

export const REACTIVATION_COLUMNS = [
  "customer_id",
  "first_name",
  "last_name",
  "email",
  "marketing_consent",
  "visits",
  "revenue_minor",
  "average_basket_minor",
  "currency_code",
  "first_visit_at",
  "last_visit_at",
  "segment",
] as const

/** The reactivation list as CSV (RFC 4180 quoting; UTC instants in ISO 8601; amounts in minor units). */
export function reactivationCsv(rows: CustomerAnalysis[]): string {
  return csvOf(
    rows.map((r) => [
      r.customer_id,
      r.first_name ?? "",
      r.last_name ?? "",
      r.email ?? "",
      r.marketing_consent ? "yes" : "no",
      r.visits,
      r.revenue_minor,
      r.average_basket_minor,
      r.currency_code,
      r.first_visit_at.toISOString(),
      r.last_visit_at.toISOString(),
      r.segment,
    ]),
    REACTIVATION_COLUMNS
  )
}

export const TIMELINE_COLUMNS = ["start", "issued", "redeemed", "expired", "taken_back", "net"] as const

/** The points timeline as CSV: one row per bucket (numbers and dates only, nothing a spreadsheet would run). */
export function timelineCsv(timeline: PointsTimeline): string {
  return csvOf(
    timeline.buckets.map((b) => TIMELINE_COLUMNS.map((c) => b[c])),
    TIMELINE_COLUMNS
  )
}
