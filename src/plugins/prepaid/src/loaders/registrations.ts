import { registerMailKind } from "@customer-modules/jobs"
import type { MailKindDefinition } from "@customer-modules/jobs"

import { MAIL_KINDS } from "../mail/kinds"

/** What the prepaid plugin brings to jobs: the top-up receipt mail (decision 74). */
export default function prepaidRegistrations(): void {
  for (const kind of MAIL_KINDS) {
    registerMailKind(kind as unknown as MailKindDefinition)
  }
}
