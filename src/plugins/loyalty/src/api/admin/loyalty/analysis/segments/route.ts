import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type LoyaltyAnalysisService from "#services/loyalty-analysis"
import { SegmentsQuery } from "#validators"

/**
 * GET /admin/loyalty/analysis/segments?from=&now= → `{ segments: [{ segment, customers,
 * visits, revenue_minor: { <currency>: n } }], customers }`: every RFM segment with its
 * figures, from the same scoring as GET /admin/loyalty/analysis.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(SegmentsQuery, req.query)
  res.json(await req.scope.resolve<LoyaltyAnalysisService>("loyaltyAnalysisService").segmentSummary(query))
}
