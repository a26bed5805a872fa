import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type LoyaltyService from "../../../../../../services/loyalty"
import { IssueCard } from "../../../../../../validators"

/**
 * POST /admin/loyalty/customers/:id/cards `{ card_code? }` → 201 `{ customer, card }`:
 * makes an existing customer a member and issues a card (generated, scanned,
 * or a pre-printed one); 409 `code_taken` for a code in use.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(IssueCard, req.body)
  res.status(201).json(await req.scope.resolve<LoyaltyService>("loyaltyService").issueCard(req.params.id, body))
}
