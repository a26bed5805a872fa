import { adminMutation } from "@customer-modules/core"

import type LoyaltyService from "#services/loyalty"
import { IssueCard } from "#validators"

/**
 * POST /admin/loyalty/customers/:id/cards/:code/replace `{ card_code? }` → `{ replaced, card }`:
 * a lost card is blocked and replaced (generated or scanned code); the points stay with the customer.
 */
export const POST = adminMutation({
  body: IssueCard,
  handler: async (req, manager, body) => {
    return { status: 200, body: await req.scope.resolve<LoyaltyService>("loyaltyService").withTransaction(manager).replaceCard(req.params.id, req.params.code, body) }
  },
})
