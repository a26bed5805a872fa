import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type LoyaltyAnalysisService from "../../../../../../services/loyalty-analysis"
import { Consent } from "../../../../../../validators"

/** POST /admin/loyalty/customers/:id/consent `{ marketing_consent }` → `{ marketing_consent }`. */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(Consent, req.body)
  res.json(await req.scope.resolve<LoyaltyAnalysisService>("loyaltyAnalysisService").setConsent(req.params.id, body.marketing_consent))
}
