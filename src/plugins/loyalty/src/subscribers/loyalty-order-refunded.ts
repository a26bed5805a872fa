import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { orderOfRefundEvent, REFUND_EVENTS } from "@customer-modules/core"

import type LoyaltyCheckoutService from "../services/loyalty-checkout"
import type LoyaltyEarningService from "../services/loyalty-earning"

/**
 * Money going back to the customer takes back its share of the order's
 * earned points, once per refund id: an admin refund, a received return
 * (Medusa emits no refund event for it), a refund claim or a swap's
 * difference. Every refund of the order is settled oldest first, so a
 * refund whose own event is late or lost is still counted. When the order
 * is refunded in full the points its rewards took come back too: the
 * customer's points end where they were before the order.
 */
export default async function settlePointsOfRefunds({ data, eventName, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  const manager = container.resolve<EntityManager>("manager")
  await manager.transaction(async (tx) => {
    const orderId = await orderOfRefundEvent(eventName, data.id, tx)
    const service = container.resolve<LoyaltyEarningService>("loyaltyEarningService").withTransaction(tx)
    const state = orderId ? await service.refundsOf(orderId) : null
    if (!orderId || !state || state.refunds.length === 0) {
      return
    }
    if (state.refunded_in_full) {
      await container.resolve<LoyaltyCheckoutService>("loyaltyCheckoutService").withTransaction(tx).returnForOrder(orderId, "order refunded")
    }
    for (const refund of state.refunds) {
      await service.takeBack(orderId, refund)
    }
  })
}

export const config: SubscriberConfig = {
  event: REFUND_EVENTS,
  context: { subscriberId: "loyalty-order-refunded" },
}
