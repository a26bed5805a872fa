import { adminMutation } from "@customer-modules/core"

import type LoyaltyAnalysisService from "#services/loyalty-analysis"
import { ReactivationMail } from "#validators"

/**
 * POST /admin/loyalty/reactivation/mail `{ inactive_days, campaign, message?, offer?, offer_valid_until? }`
 * → `{ listed, mailed, skipped_without_consent }`: one reactivation mail per consenting
 * customer and campaign, with an unsubscribe link on the server's public address (PUBLIC_URL).
 */
export const POST = adminMutation({
  body: ReactivationMail,
  handler: async (req, manager, body) => {
    return { status: 200, body: await req.scope.resolve<LoyaltyAnalysisService>("loyaltyAnalysisService").withTransaction(manager).mailReactivation(body) }
  },
})
