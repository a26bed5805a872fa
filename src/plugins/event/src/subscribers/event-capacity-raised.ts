import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"

import { ownInstance } from "@customer-modules/core"

import type EventRegistrationService from "../services/event-registration"

/** More capacity: the new places are offered to the waiting list in order (safe to run twice: it offers only what is free). */
export default async function offerRaisedCapacity({ data, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  await ownInstance<EventRegistrationService>(container, "eventRegistrationService").offerFreedPlaces(data.id)
}

export const config: SubscriberConfig = {
  event: "event.capacity_raised",
  context: { subscriberId: "event-capacity-raised" },
}
