import { registerDocumentKind, registerMailKind } from "@customer-modules/jobs"
import type { MailKindDefinition } from "@customer-modules/jobs"
import { registerPosScope } from "@customer-modules/pos"

import { ALL_KINDS } from "../mail/kinds"

/** What the event plugin brings to the shared plugins: its mail kinds, the participant list (PDF) and the till scope `event`. */
export default function eventRegistrations(): void {
  for (const kind of ALL_KINDS) {
    registerMailKind(kind as unknown as MailKindDefinition)
  }
  registerDocumentKind(require.resolve("../documents/event-participants"))
  registerPosScope({ scope: "event", plugin: "event", label: { de: "Veranstaltungen", en: "Events", pt: "Eventos" } })
}
