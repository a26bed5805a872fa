import { adminMutation } from "@customer-modules/core"

import type PrepaidCardService from "#services/prepaid-card"
import { ReplaceCard } from "#validators"

/**
 * POST /admin/prepaid-cards/:id/replace `{ code? }` → 201 `{ prepaid_card, replaced }`:
 * a new card on the same account (balance, history, limit kept); the old card
 * is blocked for good. 409 `card_replaced` when it was replaced already.
 * Needs an Idempotency-Key: a retry with it replaces once.
 */
export const POST = adminMutation({
  body: ReplaceCard,
  requireKey: true,
  handler: async (req, tx, body) => {
    const result = await req.scope.resolve<PrepaidCardService>("prepaidCardService").withTransaction(tx).replace(req.params.id, body)
    return { status: 201, body: result }
  },
})
