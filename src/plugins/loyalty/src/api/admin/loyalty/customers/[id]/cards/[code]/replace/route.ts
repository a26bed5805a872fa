import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type LoyaltyService from "../../../../../../../../services/loyalty"
import { IssueCard } from "../../../../../../../../validators"

/**
 * POST /admin/loyalty/customers/:id/cards/:code/replace `{ card_code? }` → `{ replaced, card }`:
 * a lost card is blocked and replaced (generated or scanned code); the points stay with the customer.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(IssueCard, req.body)
  res.json(await req.scope.resolve<LoyaltyService>("loyaltyService").replaceCard(req.params.id, req.params.code, body))
}
