import { posRoute } from "@customer-modules/pos"

import type VoucherService from "#services/voucher"

/** GET /store/pos/gift-cards/:code → `{ gift_card }`: balance, status and validity before the till redeems. */
export const GET = posRoute({
  scope: "gift_card",
  codeLookup: true,
  handler: async (req, ctx) => {
    const gift_card = await req.scope.resolve<VoucherService>("voucherService").withTransaction(ctx.manager).retrieveByCode(req.params.code)
    return { status: 200, body: { gift_card } }
  },
})
