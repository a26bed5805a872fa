import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { customerIdOf, parseBody } from "@customer-modules/core"

import type LoyaltyCheckoutService from "#services/loyalty-checkout"
import { ApplyCartReward } from "#validators"

/**
 * GET /store/carts/:id/loyalty-rewards → `{ rewards, points, points_applied }`:
 * the rewards on the signed-in customer's cart and the points they have.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const checkout = req.scope.resolve<LoyaltyCheckoutService>("loyaltyCheckoutService")
  res.json(await checkout.list(req.params.id, customerIdOf(req)))
}

/**
 * POST /store/carts/:id/loyalty-rewards `{ reward_id }` → `{ cart, rewards,
 * points, points_applied }`: applies a reward to the cart (its discount or
 * free product shows in the cart's totals). The points are taken when the
 * order is placed.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { reward_id } = parseBody(ApplyCartReward, req.body)
  const checkout = req.scope.resolve<LoyaltyCheckoutService>("loyaltyCheckoutService")
  const rewards = await checkout.apply(req.params.id, customerIdOf(req), reward_id)
  res.json({ cart: await checkout.cartWithTotals(req.params.id), ...rewards })
}
