import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type VoucherCheckoutService from "#services/voucher-checkout"
import { guardedLookup } from "#utils/public-lookup"
import { ApplyVoucher } from "#validators"

/**
 * POST /store/carts/:id/vouchers `{ code }` → `{ cart }`: pays (part of) the cart
 * with a gift voucher. Several vouchers may be applied; the order takes from
 * the soonest-expiring first, then the smallest, and only what the cart needs.
 * The voucher is charged when the order is placed, not before.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { code } = parseBody(ApplyVoucher, req.body)
  const checkout = req.scope.resolve<VoucherCheckoutService>("voucherCheckoutService")
  const cart = await guardedLookup(req, res, () => checkout.apply(req.params.id, code))
  res.json({ cart })
}
