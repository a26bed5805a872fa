import { z } from "zod"

import { DomainError, reference } from "@customer-modules/core"
import type { ValueAccountService } from "@customer-modules/ledger"

import type PosLocationService from "#services/pos-location"
import { posRoute } from "#src/pos-route"
import { reversalRuleFor } from "#src/reversals"

import { assertReversibleAtTill, parseReversalWindow } from "../../reversal-policy"

const Reverse = z.object({ reference: reference.optional() }).strict()

/** Read once at start: a bad value stops the server instead of widening the window. */
const WINDOW = parseReversalWindow(process.env.POS_REVERSAL_WINDOW)

/**
 * POST /store/pos/transactions/:id/reverse `{ reference? }` → 200 `{ transaction }`:
 * a new transaction undoing the given one. Only a movement made at a till of
 * this key's location, of a kind a till makes, within POS_REVERSAL_WINDOW (by
 * default the same business day in the location's time zone); anything else
 * is 422 `not_reversible`. Reversing twice returns the same reversal and
 * changes nothing. Unknown ids count as misses of the enumeration defence.
 * The scope and the reversal itself are the account owner's rule
 * (`registerReversalRule`): the owner's event is emitted and its rules apply.
 */
export const POST = posRoute({
  body: Reverse,
  codeLookup: true,
  handler: async (req, ctx, body) => {
    const accounts = req.scope.resolve<ValueAccountService>("valueAccountService").withTransaction(ctx.manager)
    const original = await accounts.retrieveTransaction(req.params.id)
    const account = await accounts.retrieve(original.account_id)
    const rule = reversalRuleFor(account.kind)
    if (!rule) {
      throw new DomainError("not_reversible", `No installed module reverses ${account.kind} movements`, 422)
    }
    ctx.requireScope(rule.scope(original))
    const location = await req.scope.resolve<PosLocationService>("posLocationService").withTransaction(ctx.manager).retrieve(ctx.terminal.location_id)
    assertReversibleAtTill(original, location, WINDOW)
    const { transaction } = await rule.reverse(original, { manager: ctx.manager, container: req.scope, tx: ctx.tx, reference: body.reference ?? null, account })
    return { status: 200, body: { transaction } }
  },
})
