import { posRoute } from "@customer-modules/pos"

import type VoucherService from "#services/voucher"
import { PosLinkCustomer } from "#validators"

/** POST /store/pos/gift-cards/:code/customer `{ customer_id }` → `{ gift_card }`: links an anonymous voucher to a customer. */
export const POST = posRoute({
  scope: "gift_card",
  body: PosLinkCustomer,
  codeLookup: true,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<VoucherService>("voucherService").withTransaction(ctx.manager)
    const card = await service.retrieveByCode(req.params.code)
    const gift_card = await service.linkCustomer(card.id, body.customer_id)
    return { status: 200, body: { gift_card } }
  },
})
