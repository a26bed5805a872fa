import { OrderService } from "@medusajs/medusa"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import type LoyaltyCheckoutService from "../services/loyalty-checkout"
import type LoyaltyEarningService from "../services/loyalty-earning"

/**
 * A cancelled order gives back the points its rewards took and loses the
 * points it earned, once each (a repeated event changes nothing more). The
 * points come back first, so the take-back finds them.
 */
export default async function settlePointsOfCanceledOrder({ data, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  const manager = container.resolve<EntityManager>("manager")
  await manager.transaction(async (tx) => {
    await container.resolve<LoyaltyCheckoutService>("loyaltyCheckoutService").withTransaction(tx).returnForOrder(data.id, "order cancelled")
    await container.resolve<LoyaltyEarningService>("loyaltyEarningService").withTransaction(tx).takeBack(data.id)
  })
}

export const config: SubscriberConfig = {
  event: OrderService.Events.CANCELED,
  context: { subscriberId: "loyalty-order-canceled" },
}
