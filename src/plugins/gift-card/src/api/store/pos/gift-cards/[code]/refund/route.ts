import { posRoute } from "@customer-modules/pos"

import type VoucherService from "#services/voucher"
import { RefundVoucher } from "#validators"

/**
 * POST /store/pos/gift-cards/:code/refund `{ reference? }` → `{ gift_card, transaction, refunded }`:
 * the customer returns the voucher; the till pays out `refunded` (what was left)
 * and the voucher is blocked.
 */
export const POST = posRoute({
  scope: "gift_card",
  body: RefundVoucher,
  codeLookup: true,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<VoucherService>("voucherService").withTransaction(ctx.manager)
    const result = await service.refundSale(req.params.code, { ...ctx.tx, reference: body.reference })
    return { status: 200, body: result }
  },
})
