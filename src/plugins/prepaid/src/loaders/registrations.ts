import { registerMailKind } from "@customer-modules/jobs"
import type { MailKindDefinition } from "@customer-modules/jobs"
import { ledgerReversal, registerReversalRule } from "@customer-modules/pos"

import { MAIL_KINDS } from "../mail/kinds"

/** Emitted when a till reverses a prepaid movement (payload: see pos' `ledgerReversal`). */
export const PREPAID_REVERSED = "prepaid_card.reversed"

/**
 * What the prepaid plugin brings to jobs and pos: the top-up receipt mail, and
 * the reversal of card movements at a till: undoing a credit (issue, load) is
 * top-up business, undoing a charge is till business (decision 74).
 */
export default function prepaidRegistrations(): void {
  for (const kind of MAIL_KINDS) {
    registerMailKind(kind as unknown as MailKindDefinition)
  }
  registerReversalRule({
    kind: "prepaid_card",
    plugin: "prepaid",
    scope: (original) => (original.amount > 0 ? "prepaid_topup" : "prepaid_charge"),
    reverse: ledgerReversal(PREPAID_REVERSED),
  })
}
