import { OrderService } from "@medusajs/medusa"
import type { Logger, SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"

import { ownInstance } from "@customer-modules/core"

import type EventRegistrationService from "../services/event-registration"

/**
 * An order's payment captured: the registration its cart was made for is
 * paid (and confirmed, or waitlisted, or cancelled for refund when its hold
 * expired and the places are gone). Safe to run twice.
 */
export default async function markRegistrationPaidIfNotPaid({ data, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  const order = await container
    .resolve<OrderService>("orderService")
    .retrieve(data.id, { select: ["id", "cart_id", "currency_code", "paid_total", "total", "payment_status"] })
  if (!order.cart_id || order.payment_status !== "captured") {
    return
  }
  const r = await ownInstance<EventRegistrationService>(container, "eventRegistrationService").payOnline(order.cart_id, order.id, {
    amount: order.paid_total ?? order.total,
    currency_code: order.currency_code,
  })
  if (r) {
    container.resolve<Logger>("logger").info(`event: registration ${r.id} paid online by order ${order.id} (${r.status})`)
  }
}

export const config: SubscriberConfig = {
  event: OrderService.Events.PAYMENT_CAPTURED,
  context: { subscriberId: "event-online-payments" },
}
