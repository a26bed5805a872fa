import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type LoyaltyAnalysisService from "../../../../services/loyalty-analysis"
import { UnsubscribeQuery } from "../../../../validators"

/** GET /store/loyalty/unsubscribe?customer_id=&token= → `{ unsubscribed: true }`: the link in reactivation mails. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(UnsubscribeQuery, req.query)
  await req.scope.resolve<LoyaltyAnalysisService>("loyaltyAnalysisService").unsubscribe(query.customer_id, query.token)
  res.json({ unsubscribed: true })
}
