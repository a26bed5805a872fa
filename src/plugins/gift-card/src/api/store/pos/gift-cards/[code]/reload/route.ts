import { posRoute } from "@customer-modules/pos"

import type VoucherService from "#services/voucher"
import { ReloadVoucher } from "#validators"

/** POST /store/pos/gift-cards/:code/reload: put value back on a voucher. */
export const POST = posRoute({
  scope: "gift_card",
  body: ReloadVoucher,
  codeLookup: true,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<VoucherService>("voucherService").withTransaction(ctx.manager)
    const result = await service.reload(req.params.code, body.amount, { ...ctx.tx, reference: body.reference })
    return { status: 200, body: result }
  },
})
