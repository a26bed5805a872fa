import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import type VoucherCheckoutService from "#services/voucher-checkout"
import { guardedLookup } from "#utils/public-lookup"

/** DELETE /store/carts/:id/vouchers/:code → `{ cart }`: takes the voucher off the cart. */
export async function DELETE(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const checkout = req.scope.resolve<VoucherCheckoutService>("voucherCheckoutService")
  const cart = await guardedLookup(req, res, () => checkout.remove(req.params.id, req.params.code))
  res.json({ cart })
}
