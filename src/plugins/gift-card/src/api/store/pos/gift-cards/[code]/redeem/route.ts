import { z } from "zod"

import { amountMinor, reference } from "@customer-modules/core"
import { posRoute } from "@customer-modules/pos"

import type GiftCardService from "../../../../../../services/gift-card"

const Redeem = z.object({ amount: amountMinor, reference: reference.optional() }).strict()

/** POST /store/pos/gift-cards/:code/redeem: pay with the voucher; 409 when it holds less. */
export const POST = posRoute({
  scope: "gift_card",
  body: Redeem,
  codeLookup: true,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<GiftCardService>("giftCardService").withTransaction(ctx.manager)
    const result = await service.redeem(req.params.code, body.amount, { ...ctx.tx, reference: body.reference })
    return { status: 200, body: result }
  },
})
