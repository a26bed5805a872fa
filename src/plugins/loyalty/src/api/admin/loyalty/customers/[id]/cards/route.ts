import { adminMutation } from "@customer-modules/core"

import type LoyaltyService from "#services/loyalty"
import { IssueCard } from "#validators"

/**
 * POST /admin/loyalty/customers/:id/cards `{ card_code? }` → 201 `{ customer, card }`:
 * makes an existing customer a member and issues a card (generated, scanned,
 * or a pre-printed one); 409 `code_taken` for a code in use.
 */
export const POST = adminMutation({
  body: IssueCard,
  handler: async (req, manager, body) => {
    return { status: 201, body: await req.scope.resolve<LoyaltyService>("loyaltyService").withTransaction(manager).issueCard(req.params.id, body) }
  },
})
