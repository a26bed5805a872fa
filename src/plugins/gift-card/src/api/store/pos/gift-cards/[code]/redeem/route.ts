import { posRoute } from "@customer-modules/pos"

import type VoucherService from "#services/voucher"
import { RedeemVoucher } from "#validators"

/** POST /store/pos/gift-cards/:code/redeem: pay with the voucher; 409 when it holds less. */
export const POST = posRoute({
  scope: "gift_card",
  body: RedeemVoucher,
  codeLookup: true,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<VoucherService>("voucherService").withTransaction(ctx.manager)
    const result = await service.redeem(req.params.code, body.amount, { ...ctx.tx, reference: body.reference })
    return { status: 200, body: result }
  },
})
