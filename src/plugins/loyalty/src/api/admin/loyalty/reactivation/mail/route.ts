import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type LoyaltyAnalysisService from "../../../../../services/loyalty-analysis"
import { ReactivationMail } from "../../../../../validators"

/**
 * POST /admin/loyalty/reactivation/mail `{ inactive_days, campaign, message?, offer?, offer_valid_until? }`
 * → `{ listed, mailed, skipped_without_consent }`: one reactivation mail per consenting
 * customer and campaign, with an unsubscribe link on the server's public address (PUBLIC_URL).
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(ReactivationMail, req.body)
  res.json(await req.scope.resolve<LoyaltyAnalysisService>("loyaltyAnalysisService").mailReactivation(body))
}
