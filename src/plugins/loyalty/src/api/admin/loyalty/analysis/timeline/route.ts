import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition, parseBody } from "@customer-modules/core"

import type LoyaltyAnalysisService from "#services/loyalty-analysis"
import { timelineCsv } from "#utils/csv"
import { TimelineQuery } from "#validators"

/**
 * GET /admin/loyalty/analysis/timeline?from=&to=&interval=day|week|month&customer_id=&format=json|csv
 * → `{ interval, time_zone, from, to, customer_id, buckets: [{ start, issued, redeemed,
 * expired, taken_back, net }], totals }`, or the buckets as CSV. Buckets are local days, weeks
 * (from Monday) or months of the programme's time zone over [from, to); at most 400 (else 400).
 * Defaults: to = now, from = 30 days, 12 weeks or 365 days before.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { format, ...query } = parseBody(TimelineQuery, req.query)
  const timeline = await req.scope.resolve<LoyaltyAnalysisService>("loyaltyAnalysisService").pointsTimeline(query)
  if (format === "csv") {
    res.setHeader("content-type", "text/csv; charset=utf-8")
    res.setHeader("Content-Disposition", contentDisposition("attachment", `loyalty-points-${timeline.interval}.csv`))
    res.send(timelineCsv(timeline))
    return
  }
  res.json(timeline)
}
