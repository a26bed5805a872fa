import { OrderService } from "@medusajs/medusa"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import type LoyaltyService from "../services/loyalty"

/** A refund takes back its share of the order's points, once per refund id. */
export default async function takeBackPointsOfRefund({ data, container }: SubscriberArgs<{ id: string; refund_id: string }>): Promise<void> {
  const manager = container.resolve<EntityManager>("manager")
  await manager.transaction(async (tx) => {
    const service = container.resolve<LoyaltyService>("loyaltyService").withTransaction(tx)
    const refund = await service.refundOf(data.id, data.refund_id)
    if (refund) {
      await service.takeBack(data.id, refund)
    }
  })
}

export const config: SubscriberConfig = {
  event: OrderService.Events.REFUND_CREATED,
  context: { subscriberId: "loyalty-order-refunded" },
}
