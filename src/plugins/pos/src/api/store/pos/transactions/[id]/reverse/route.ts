import { z } from "zod"

import { reference } from "@customer-modules/core"
import type { AccountKind, ValueAccountService } from "@customer-modules/ledger"

import { posRoute } from "../../../../../../pos-route"
import type { PosScope } from "../../../../../../scopes"

const Reverse = z.object({ reference: reference.optional() }).strict()

/**
 * The scope a reversal needs, from the account's kind and the direction of the
 * original: undoing a prepaid credit (issue, load) is top-up business, undoing
 * a charge is till business. The reversal of a credit is a debit.
 */
function scopeFor(kind: AccountKind, reversalAmount: number): PosScope {
  switch (kind) {
    case "gift_card":
      return "gift_card"
    case "prepaid_card":
      return reversalAmount < 0 ? "prepaid_topup" : "prepaid_charge"
    case "points":
      return "loyalty"
    case "customer_account":
      return "debtor"
  }
}

/**
 * POST /store/pos/transactions/:id/reverse `{ reference? }` → 200 `{ transaction }`:
 * a new transaction undoing the given one. Reversing twice returns the same
 * reversal and changes nothing. The scope check depends on the account, so it
 * runs after the reversal inside the wrapper's transaction: a 403 rolls it back.
 */
export const POST = posRoute({
  body: Reverse,
  handler: async (req, ctx, body) => {
    const accounts = req.scope.resolve<ValueAccountService>("valueAccountService").withTransaction(ctx.manager)
    const { account, transaction } = await accounts.reverse(req.params.id, {
      ...ctx.tx,
      reference: body.reference ?? null,
    })
    ctx.requireScope(scopeFor(account.kind, transaction.amount))
    return { status: 200, body: { transaction } }
  },
})
