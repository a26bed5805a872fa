import { adminMutation } from "@customer-modules/core"

import type LoyaltyAnalysisService from "#services/loyalty-analysis"
import { Consent } from "#validators"

/** POST /admin/loyalty/customers/:id/consent `{ marketing_consent }` → `{ marketing_consent }`. */
export const POST = adminMutation({
  body: Consent,
  handler: async (req, manager, body) => {
    return { status: 200, body: await req.scope.resolve<LoyaltyAnalysisService>("loyaltyAnalysisService").withTransaction(manager).setConsent(req.params.id, body.marketing_consent) }
  },
})
