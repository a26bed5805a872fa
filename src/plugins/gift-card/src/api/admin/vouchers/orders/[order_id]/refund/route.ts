import { adminMutation } from "@customer-modules/core"

import type VoucherCheckoutService from "#services/voucher-checkout"
import { RefundOrderToVouchers } from "#validators"

/**
 * POST /admin/vouchers/orders/:order_id/refund `{ amount, reference? }` → `{ refunded, transactions }`:
 * a partial refund of a web order puts the money back on the vouchers that paid
 * it (at most what they paid). Needs an Idempotency-Key: a retry with it refunds once.
 */
export const POST = adminMutation({
  body: RefundOrderToVouchers,
  requireKey: true,
  handler: async (req, manager, body) => ({
    status: 200,
    body: await req.scope
      .resolve<VoucherCheckoutService>("voucherCheckoutService")
      .withTransaction(manager)
      .refundToVouchers(req.params.order_id, body.amount, body.reference ?? null),
  }),
})
