import { registerDocumentKind, registerMailKind } from "@customer-modules/jobs"
import type { MailKindDefinition } from "@customer-modules/jobs"
import { ledgerReversal, registerReversalRule } from "@customer-modules/pos"

import { MAIL_KINDS } from "../mail/kinds"

/** Emitted when a till reverses a points movement (payload: see pos' `ledgerReversal`). */
export const POINTS_REVERSED = "loyalty.points_reversed"

/** What the loyalty plugin brings to jobs and pos: birthday, expiry and reactivation mails, the birthday letters, and the reversal of points movements at a till (decision 74). */
export default function loyaltyRegistrations(): void {
  for (const kind of MAIL_KINDS) {
    registerMailKind(kind as unknown as MailKindDefinition)
  }
  // By path: the PDF worker threads load the same modules.
  registerDocumentKind(require.resolve("../documents/birthday-letter"))
  registerDocumentKind(require.resolve("../documents/birthday-letters"))
  registerReversalRule({ kind: "points", plugin: "loyalty", scope: () => "loyalty", reverse: ledgerReversal(POINTS_REVERSED) })
}
