import { posRoute } from "@customer-modules/pos"

import type LoyaltyEarningService from "#services/loyalty-earning"
import { Earn } from "#validators"

/**
 * POST /store/pos/loyalty/:code/earn `{ amount, currency_code, reference, lines? }` →
 * 200 `{ points_earned, points, eligible_amount }`. `amount` is what was paid;
 * with the receipt's `lines` (`{ amount, product_id | variant_id | sku |
 * category_id }`) excluded products and categories earn nothing. Keyed by
 * terminal and receipt reference: a receipt reported twice (even with a new
 * Idempotency-Key) awards once.
 */
export const POST = posRoute({
  scope: "loyalty",
  body: Earn,
  codeLookup: true,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<LoyaltyEarningService>("loyaltyEarningService").withTransaction(ctx.manager)
    const result = await service.earnAtTill(req.params.code, body, ctx.tx)
    return {
      status: 200,
      body: { points_earned: result.points_earned, points: result.points, eligible_amount: result.eligible_amount, transaction: result.transaction },
    }
  },
})
