import { registerDocumentKind, registerMailKind } from "@customer-modules/jobs"
import type { MailKindDefinition } from "@customer-modules/jobs"
import { ledgerReversal, registerReversalRule } from "@customer-modules/pos"

import { MAIL_KINDS } from "../mail/kinds"

/** Emitted when a till reverses a voucher movement (payload: see pos' `ledgerReversal`). */
export const VOUCHER_REVERSED = "gift_card.reversed"

/** What the gift-card plugin brings to jobs and pos: the voucher mail and PDF, and the reversal of voucher movements at a till (decision 74). */
export default function giftCardRegistrations(): void {
  for (const kind of MAIL_KINDS) {
    registerMailKind(kind as unknown as MailKindDefinition)
  }
  // By path: the PDF worker threads load the same module.
  registerDocumentKind(require.resolve("../documents/voucher"))
  registerReversalRule({ kind: "gift_card", plugin: "gift-card", scope: () => "gift_card", reverse: ledgerReversal(VOUCHER_REVERSED) })
}
