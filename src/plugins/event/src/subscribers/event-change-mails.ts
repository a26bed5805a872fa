import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { logMailFailure, sendRegistrationMail } from "../utils/registration-mail"

/** Every live participant is told of a real change (title, venue, times) or of the event's cancellation. */
export default async function sendEventChangeMails({ data, eventName, container }: SubscriberArgs<{ id: string; registration_ids?: string[] }>): Promise<void> {
  const kind = eventName === "event.cancelled" ? "event_cancelled" : "event_changed"
  const ids =
    data.registration_ids ??
    (
      (await container
        .resolve<EntityManager>("manager")
        .query(`SELECT id FROM event_registration WHERE event_id = $1 AND status IN ('confirmed', 'waitlisted', 'offered') ORDER BY seq LIMIT 5000`, [data.id])) as { id: string }[]
    ).map((r) => r.id)
  for (const id of ids) {
    try {
      await sendRegistrationMail(container as never, id, kind)
    } catch (e) {
      logMailFailure(container as never, id, kind, e)
    }
  }
}

export const config: SubscriberConfig = {
  event: ["event.changed", "event.cancelled"],
  context: { subscriberId: "event-change-mails" },
}
