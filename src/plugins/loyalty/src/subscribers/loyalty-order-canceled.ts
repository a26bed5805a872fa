import { OrderService } from "@medusajs/medusa"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import type LoyaltyService from "../services/loyalty"

/** A cancelled order's points are taken back, once (keyed per order; a repeated event takes nothing more). */
export default async function takeBackPointsOfCanceledOrder({ data, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  const manager = container.resolve<EntityManager>("manager")
  await manager.transaction((tx) => container.resolve<LoyaltyService>("loyaltyService").withTransaction(tx).takeBack(data.id))
}

export const config: SubscriberConfig = {
  event: OrderService.Events.CANCELED,
  context: { subscriberId: "loyalty-order-canceled" },
}
