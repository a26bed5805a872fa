import { OrderService } from "@medusajs/medusa"
import type { Logger, SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { ownInstance } from "@customer-modules/core"

import { RegistrationEvents } from "../services/event-registration"
import type EventRegistrationService from "../services/event-registration"

/**
 * A payment that arrived after its places were gone (hold expired, event full,
 * no waiting list) is refunded through Medusa, once: the registration is marked
 * refunded in the same transaction.
 */
export default async function refundLatePaymentIfNotRefunded({ data, container }: SubscriberArgs<{ id: string; order_id: string }>): Promise<void> {
  const registrations = ownInstance<EventRegistrationService>(container, "eventRegistrationService")
  const r = await registrations.retrieve(data.id)
  if (r.payment_status !== "paid") {
    return
  }
  await container.resolve<EntityManager>("manager").transaction(async (m) => {
    await container.resolve<OrderService>("orderService").withTransaction(m).createRefund(data.order_id, r.amount, "other", "event: places gone when the payment arrived")
    await registrations.withTransaction(m).markRefunded(r.id)
  })
  container.resolve<Logger>("logger").info(`event: late payment of registration ${r.id} refunded (order ${data.order_id})`)
}

export const config: SubscriberConfig = {
  event: RegistrationEvents.REFUND_NEEDED,
  context: { subscriberId: "event-refunds" },
}
