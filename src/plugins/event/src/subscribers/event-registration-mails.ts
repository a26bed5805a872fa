import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"

import { RegistrationEvents } from "../services/event-registration"
import type { EventMailKind } from "../utils/registration-mail"
import { logMailFailure, sendRegistrationMail } from "../utils/registration-mail"

const KIND_OF: Record<string, EventMailKind> = {
  [RegistrationEvents.CONFIRMED]: "event_registration_confirmed",
  [RegistrationEvents.WAITLISTED]: "event_registration_waitlisted",
  [RegistrationEvents.OFFERED]: "event_registration_offered",
  [RegistrationEvents.CANCELLED]: "event_registration_cancelled",
  [RegistrationEvents.EXPIRED]: "event_registration_expired",
}

/** The guest's mail for what happened to the registration (after commit; a repeat sends nothing more). */
export default async function sendRegistrationMails({ data, eventName, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  const kind = KIND_OF[eventName]
  if (!kind) {
    return
  }
  try {
    await sendRegistrationMail(container as never, data.id, kind)
  } catch (e) {
    logMailFailure(container as never, data.id, kind, e)
    throw e
  }
}

export const config: SubscriberConfig = {
  event: Object.keys(KIND_OF),
  context: { subscriberId: "event-registration-mails" },
}
