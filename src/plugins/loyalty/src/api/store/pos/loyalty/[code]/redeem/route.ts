import { posRoute } from "@customer-modules/pos"

import type LoyaltyRewardService from "#services/loyalty-reward"
import { Redeem } from "#validators"

/**
 * POST /store/pos/loyalty/:code/redeem `{ reward_id, reference? }` → 200 `{ points,
 * transaction, reward }`; 409 `insufficient_points`, 422 `redemption_cap_exceeded`
 * (with the receipt's `reference`, counted over every reward redeemed on it).
 */
export const POST = posRoute({
  scope: "loyalty",
  body: Redeem,
  codeLookup: true,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<LoyaltyRewardService>("loyaltyRewardService").withTransaction(ctx.manager)
    return { status: 200, body: await service.redeem(req.params.code, body.reward_id, ctx.tx, { reference: body.reference }) }
  },
})
