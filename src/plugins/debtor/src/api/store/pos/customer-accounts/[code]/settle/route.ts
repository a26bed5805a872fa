import { posRoute } from "@customer-modules/pos"

import type DebtorAccountService from "#services/debtor-account"
import { Settle } from "#validators"

/**
 * POST /store/pos/customer-accounts/:code/settle `{ amount, tender }` → 200
 * `{ account, transaction }`: pays into the account with any tender.
 */
export const POST = posRoute({
  scope: "debtor",
  body: Settle,
  codeLookup: true,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<DebtorAccountService>("debtorAccountService").withTransaction(ctx.manager)
    const result = await service.settle(req.params.code, body.amount, body.tender, ctx.tx)
    return { status: 200, body: result }
  },
})
