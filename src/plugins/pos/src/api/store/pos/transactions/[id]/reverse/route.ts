import { z } from "zod"

import { reference } from "@customer-modules/core"
import type { AccountKind, ValueAccountService } from "@customer-modules/ledger"

import { posRoute } from "../../../../../../pos-route"
import type { PosScope } from "../../../../../../scopes"
import type PosLocationService from "../../../../../../services/pos-location"
import { assertReversibleAtTill, parseReversalWindow } from "../../reversal-policy"

const Reverse = z.object({ reference: reference.optional() }).strict()

/** Read once at start: a bad value stops the server instead of widening the window. */
const WINDOW = parseReversalWindow(process.env.POS_REVERSAL_WINDOW)

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
 * a new transaction undoing the given one. Only a movement made at a till of
 * this key's location, of a kind a till makes, within POS_REVERSAL_WINDOW (by
 * default the same business day in the location's time zone); anything else
 * is 422 `not_reversible`. Reversing twice returns the same reversal and
 * changes nothing. Unknown ids count as misses of the enumeration defence.
 */
export const POST = posRoute({
  body: Reverse,
  codeLookup: true,
  handler: async (req, ctx, body) => {
    const accounts = req.scope.resolve<ValueAccountService>("valueAccountService").withTransaction(ctx.manager)
    const original = await accounts.retrieveTransaction(req.params.id)
    const account = await accounts.retrieve(original.account_id)
    ctx.requireScope(scopeFor(account.kind, -original.amount))
    const location = await req.scope.resolve<PosLocationService>("posLocationService").withTransaction(ctx.manager).retrieve(ctx.terminal.location_id)
    assertReversibleAtTill(original, location, WINDOW)
    const { transaction } = await accounts.reverse(original.id, {
      ...ctx.tx,
      reference: body.reference ?? null,
    })
    return { status: 200, body: { transaction } }
  },
})
