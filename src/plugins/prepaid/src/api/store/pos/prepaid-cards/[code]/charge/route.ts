import { posRoute } from "@customer-modules/pos"

import type PrepaidCardService from "#services/prepaid-card"
import { Charge } from "#validators"

/**
 * POST /store/pos/prepaid-cards/:code/charge `{ amount, reference? }` → 200
 * `{ prepaid_card, transaction }`; 409 `insufficient_balance`, 422
 * `daily_limit_exceeded` (the business day of the terminal's location).
 */
export const POST = posRoute({
  scope: "prepaid_charge",
  body: Charge,
  codeLookup: true,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<PrepaidCardService>("prepaidCardService").withTransaction(ctx.manager)
    const result = await service.charge(req.params.code, body.amount, {
      ...ctx.tx,
      reference: body.reference ?? null,
    })
    return { status: 200, body: result }
  },
})
