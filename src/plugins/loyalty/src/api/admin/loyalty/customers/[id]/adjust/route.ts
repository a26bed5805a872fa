import { adminMutation, adminUserIdOf, ledgerKeyOf } from "@customer-modules/core"

import type LoyaltyExtraPointsService from "#services/loyalty-extra-points"
import { Adjust } from "#validators"

/**
 * POST /admin/loyalty/customers/:id/adjust `{ points, reason }` → `{ points, transaction }`:
 * grants (positive) or deducts (negative) extra points. With an Idempotency-Key
 * header a repeated click replays the first answer and changes nothing; another
 * body with that key is 409 `idempotency_conflict`. 409 `insufficient_points`.
 */
export const POST = adminMutation({
  body: Adjust,
  handler: async (req, manager, body, { idempotency_key }) => ({
    status: 200,
    body: await req.scope
      .resolve<LoyaltyExtraPointsService>("loyaltyExtraPointsService")
      .withTransaction(manager)
      .adjust(req.params.id, body.points, { reason: body.reason, user_id: adminUserIdOf(req), key: ledgerKeyOf(idempotency_key) }),
  }),
})
