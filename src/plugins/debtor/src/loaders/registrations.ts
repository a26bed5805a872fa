import { registerDocumentKind, registerMailKind } from "@customer-modules/jobs"
import type { MailKindDefinition } from "@customer-modules/jobs"

import { MAIL_KINDS } from "../mail/kinds"

/** What the debtor plugin brings to jobs: its mail kinds and its invoice/credit note and statement documents (decision 74). */
export default function debtorRegistrations(): void {
  for (const kind of MAIL_KINDS) {
    registerMailKind(kind as unknown as MailKindDefinition)
  }
  // By path: the PDF worker threads load the same modules.
  registerDocumentKind(require.resolve("../documents/invoice"))
  registerDocumentKind(require.resolve("../documents/statement"))
}
