import { registerDocumentKind, registerMailKind } from "@customer-modules/jobs"
import type { MailKindDefinition } from "@customer-modules/jobs"
import { ledgerReversal, registerReversalRule } from "@customer-modules/pos"

import { MAIL_KINDS } from "../mail/kinds"

/** Emitted when a till reverses a customer account movement (payload: see pos' `ledgerReversal`). */
export const ACCOUNT_REVERSED = "customer_account.reversed"

/** What the debtor plugin brings to jobs and pos: its mail kinds, its invoice/credit note and statement documents, and the reversal of customer account movements at a till (decision 74). */
export default function debtorRegistrations(): void {
  for (const kind of MAIL_KINDS) {
    registerMailKind(kind as unknown as MailKindDefinition)
  }
  // By path: the PDF worker threads load the same modules.
  registerDocumentKind(require.resolve("../documents/invoice"))
  registerDocumentKind(require.resolve("../documents/statement"))
  registerReversalRule({ kind: "customer_account", plugin: "debtor", scope: () => "debtor", reverse: ledgerReversal(ACCOUNT_REVERSED) })
}
