import { OrderService } from "@medusajs/medusa"
import type { Logger, SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"

import { ownInstance } from "@customer-modules/core"

import type EventRegistrationService from "../services/event-registration"

/**
 * The order of a registration's cart was cancelled in Medusa: the
 * registration is cancelled too and its places go to the waiting list
 * (a cancelled order never keeps places). Safe to run twice.
 */
export default async function cancelRegistrationOfCanceledOrder({ data, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  const registrations = ownInstance<EventRegistrationService>(container, "eventRegistrationService")
  const id = await registrations.cancelForOrder(data.id)
  if (id) {
    container.resolve<Logger>("logger").info(`event: registration ${id} cancelled with its order ${data.id}`)
  }
}

export const config: SubscriberConfig = {
  event: OrderService.Events.CANCELED,
  context: { subscriberId: "event-order-canceled" },
}
