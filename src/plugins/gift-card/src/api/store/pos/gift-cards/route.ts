import { posRoute } from "@customer-modules/pos"

import type VoucherService from "#services/voucher"
import { SellVoucher } from "#validators"

/** POST /store/pos/gift-cards: sell a voucher (generated code or own number). */
export const POST = posRoute({
  scope: "gift_card",
  body: SellVoucher,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<VoucherService>("voucherService").withTransaction(ctx.manager)
    const { gift_card, transaction } = await service.issue(body, ctx.tx)
    return { status: 201, body: { gift_card, transaction } }
  },
})
