import { registerDocumentKind, registerMailKind } from "@customer-modules/jobs"
import type { MailKindDefinition } from "@customer-modules/jobs"

import { MAIL_KINDS } from "../mail/kinds"

/** What the gift-card plugin brings to jobs: the voucher mail and the voucher PDF (decision 74). */
export default function giftCardRegistrations(): void {
  for (const kind of MAIL_KINDS) {
    registerMailKind(kind as unknown as MailKindDefinition)
  }
  // By path: the PDF worker threads load the same module.
  registerDocumentKind(require.resolve("../documents/voucher"))
}
