import { z } from "zod"

import { amountMinor, reference } from "@customer-modules/core"
import { posRoute } from "@customer-modules/pos"

import type GiftCardService from "../../../../../../services/gift-card"

const Reload = z.object({ amount: amountMinor, reference: reference.optional() }).strict()

/** POST /store/pos/gift-cards/:code/reload: put value back on a voucher. */
export const POST = posRoute({
  scope: "gift_card",
  body: Reload,
  codeLookup: true,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<GiftCardService>("giftCardService").withTransaction(ctx.manager)
    const result = await service.reload(req.params.code, body.amount, { ...ctx.tx, reference: body.reference })
    return { status: 200, body: result }
  },
})
