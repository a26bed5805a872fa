import { z } from "zod"

import { amountMinor, currencyCode } from "@customer-modules/core"
import { posRoute } from "@customer-modules/pos"

import type GiftCardService from "../../../../services/gift-card"

const SellGiftCard = z
  .object({
    amount: amountMinor,
    currency_code: currencyCode,
    code: z.string().trim().min(4).max(64).optional(),
    customer_id: z.string().min(1).max(64).optional(),
  })
  .strict()

/** POST /store/pos/gift-cards: sell a voucher (generated code or own number). */
export const POST = posRoute({
  scope: "gift_card",
  body: SellGiftCard,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<GiftCardService>("giftCardService").withTransaction(ctx.manager)
    const { gift_card, transaction } = await service.issue(body, ctx.tx)
    return { status: 201, body: { gift_card, transaction } }
  },
})
