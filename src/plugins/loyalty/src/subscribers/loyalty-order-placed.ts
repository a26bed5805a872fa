import { OrderService } from "@medusajs/medusa"
import type { Logger, SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import type LoyaltyService from "../services/loyalty"

/**
 * A member's web order earns points on the paid amount. The award is keyed
 * `loyalty:earn:order:<id>`, so a repeated delivery of the event awards nothing more.
 */
export default async function earnPointsForOrderIfNotEarned({ data, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  const manager = container.resolve<EntityManager>("manager")
  const points = await manager.transaction((tx) => container.resolve<LoyaltyService>("loyaltyService").withTransaction(tx).earnForOrder(data.id))
  if (points) {
    container.resolve<Logger>("logger").info(`loyalty: order ${data.id} earned ${points} points`)
  }
}

export const config: SubscriberConfig = {
  event: OrderService.Events.PLACED,
  context: { subscriberId: "loyalty-order-placed" },
}
