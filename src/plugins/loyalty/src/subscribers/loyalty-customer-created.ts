import { CustomerService } from "@medusajs/medusa"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import type LoyaltyService from "../services/loyalty"

/**
 * A customer who registers through the store API (an account with a password)
 * joins the programme with a points account and a generated card number.
 * Guest customers of a checkout do not; customers registered at a till already
 * have their card, so nothing happens twice.
 */
export default async function enrolRegisteredCustomer({ data, container }: SubscriberArgs<{ id: string; has_account?: boolean }>): Promise<void> {
  if (!data.has_account) {
    return
  }
  const manager = container.resolve<EntityManager>("manager")
  await manager.transaction((tx) => container.resolve<LoyaltyService>("loyaltyService").withTransaction(tx).enrol(data.id))
}

export const config: SubscriberConfig = {
  event: CustomerService.Events.CREATED,
  context: { subscriberId: "loyalty-customer-created" },
}
