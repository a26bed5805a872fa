import { posRoute } from "@customer-modules/pos"

import type PrepaidCardService from "#services/prepaid-card"
import { TopUp } from "#validators"

/** POST /store/pos/prepaid-cards/:code/top-up `{ amount, tender, reference? }` → 200 `{ prepaid_card, transaction }`. */
export const POST = posRoute({
  scope: "prepaid_topup",
  body: TopUp,
  codeLookup: true,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<PrepaidCardService>("prepaidCardService").withTransaction(ctx.manager)
    const result = await service.topUp(req.params.code, body.amount, body.tender, {
      ...ctx.tx,
      reference: body.reference ?? null,
    })
    return { status: 200, body: result }
  },
})
