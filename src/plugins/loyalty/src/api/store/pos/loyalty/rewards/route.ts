import { posRoute } from "@customer-modules/pos"

import type LoyaltyRewardService from "#services/loyalty-reward"

/** GET /store/pos/loyalty/rewards → `{ rewards: [{ id, title, points, kind, … }] }`: the rewards on offer. */
export const GET = posRoute({
  scope: "loyalty",
  handler: async (req, ctx) => {
    const service = req.scope.resolve<LoyaltyRewardService>("loyaltyRewardService").withTransaction(ctx.manager)
    const rewards = await service.listRewards({ active: true })
    return {
      status: 200,
      body: {
        rewards: rewards.map((r) => ({
          id: r.id,
          title: r.title,
          points: r.points,
          kind: r.kind,
          variant_id: r.variant_id,
          discount_amount: r.discount_amount,
          currency_code: r.currency_code,
        })),
      },
    }
  },
})
