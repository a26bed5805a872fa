import { posRoute } from "@customer-modules/pos"

import type DebtorAccountService from "#services/debtor-account"
import { Charge } from "#validators"

/**
 * POST /store/pos/customer-accounts/:code/charge `{ amount, reference? }` → 200
 * `{ account, transaction }`; 409 `credit_limit_exceeded` beyond the limit.
 * `:code` is the customer's card.
 */
export const POST = posRoute({
  scope: "debtor",
  body: Charge,
  codeLookup: true,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<DebtorAccountService>("debtorAccountService").withTransaction(ctx.manager)
    const result = await service.charge(req.params.code, body.amount, { ...ctx.tx, reference: body.reference ?? null })
    return { status: 200, body: result }
  },
})
