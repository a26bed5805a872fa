import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type LoyaltyAnalysisService from "#services/loyalty-analysis"
import { AnalysisQuery } from "#validators"

/**
 * GET /admin/loyalty/analysis?from=&now=&segment=&limit=&offset= → `{ customers, count }`:
 * visits, revenue, average basket, first and last visit, RFM quintiles and segment per customer.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(AnalysisQuery, req.query)
  res.json(await req.scope.resolve<LoyaltyAnalysisService>("loyaltyAnalysisService").analyse(query))
}
