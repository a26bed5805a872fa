import { OrderService } from "@medusajs/medusa"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import type PrepaidCardService from "../services/prepaid-card"

/**
 * Credits the prepaid cards of an order's online top-ups once its payment is
 * captured. The ledger keys each credit by order and line item, so a second
 * delivery of the event credits nothing.
 */
export default async function creditOnlineTopUpsIfNotCredited({ data, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  const manager = container.resolve<EntityManager>("manager")
  await manager.transaction((tx) =>
    container.resolve<PrepaidCardService>("prepaidCardService").withTransaction(tx).creditCapturedTopUps(data.id)
  )
}

export const config: SubscriberConfig = {
  event: OrderService.Events.PAYMENT_CAPTURED,
  context: { subscriberId: "prepaid-credit-online-top-ups" },
}
