import { adminMutation } from "@customer-modules/core"

import type LoyaltyService from "#services/loyalty"
import { CreateCards } from "#validators"

/**
 * POST /admin/loyalty/cards `{ codes }` or `{ range_id, count }` → 201 `{ cards }`:
 * pre-printed customer cards, inactive until a till registers a customer with one.
 */
export const POST = adminMutation({
  body: CreateCards,
  handler: async (req, manager, body) => {
    return { status: 201, body: { cards: await req.scope.resolve<LoyaltyService>("loyaltyService").withTransaction(manager).createCards(body) } }
  },
})
