import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import type LoyaltyRewardService from "#services/loyalty-reward"
import { CreateReward } from "#validators"

/** GET /admin/loyalty/rewards → `{ rewards }` (offered and withdrawn). */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ rewards: await req.scope.resolve<LoyaltyRewardService>("loyaltyRewardService").listRewards() })
}

/**
 * POST /admin/loyalty/rewards `{ title, points, kind: "product_variant", variant_id }`
 * or `{ title, points, kind: "discount", discount_amount, currency_code }` → 201 `{ reward }`.
 */
export const POST = adminMutation({
  body: CreateReward,
  handler: async (req, manager, body) => {
    return { status: 201, body: { reward: await req.scope.resolve<LoyaltyRewardService>("loyaltyRewardService").withTransaction(manager).createReward(body) } }
  },
})
