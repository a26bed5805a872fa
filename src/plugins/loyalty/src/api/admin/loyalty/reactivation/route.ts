import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition, parseBody } from "@customer-modules/core"

import type LoyaltyAnalysisService from "#services/loyalty-analysis"
import { reactivationCsv } from "#utils/csv"
import { ReactivationQuery } from "#validators"

/**
 * GET /admin/loyalty/reactivation?inactive_days=90&now=&format=csv → `{ customers }` (or CSV):
 * customers not seen for `inactive_days`, longest absent first, with their consent.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(ReactivationQuery, req.query)
  const rows = await req.scope.resolve<LoyaltyAnalysisService>("loyaltyAnalysisService").reactivationList(query.inactive_days ?? 90, query.now)
  if (query.format === "csv") {
    res.setHeader("Content-Type", "text/csv; charset=utf-8")
    res.setHeader("Content-Disposition", contentDisposition("attachment", `reactivation.csv`))
    res.send(reactivationCsv(rows))
    return
  }
  res.json({ customers: rows })
}
