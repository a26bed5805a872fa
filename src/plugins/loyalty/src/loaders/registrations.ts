import { registerDocumentKind, registerMailKind } from "@customer-modules/jobs"
import type { MailKindDefinition } from "@customer-modules/jobs"

import { MAIL_KINDS } from "../mail/kinds"

/** What the loyalty plugin brings to jobs: birthday, expiry and reactivation mails and the birthday letters (decision 74). */
export default function loyaltyRegistrations(): void {
  for (const kind of MAIL_KINDS) {
    registerMailKind(kind as unknown as MailKindDefinition)
  }
  // By path: the PDF worker threads load the same modules.
  registerDocumentKind(require.resolve("../documents/birthday-letter"))
  registerDocumentKind(require.resolve("../documents/birthday-letters"))
}
