import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { customerIdOf } from "@customer-modules/core"

import type LoyaltyCheckoutService from "#services/loyalty-checkout"

/** DELETE /store/carts/:id/loyalty-rewards/:reward_id → `{ cart, rewards, points, points_applied }`: takes the reward off. */
export async function DELETE(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const checkout = req.scope.resolve<LoyaltyCheckoutService>("loyaltyCheckoutService")
  const rewards = await checkout.remove(req.params.id, customerIdOf(req), req.params.reward_id)
  res.json({ cart: await checkout.cartWithTotals(req.params.id), ...rewards })
}
