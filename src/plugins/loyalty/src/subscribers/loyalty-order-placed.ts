import { OrderService } from "@medusajs/medusa"
import type { Logger, SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"

import { inNewTransaction } from "@customer-modules/core"

import type LoyaltyCheckoutService from "../services/loyalty-checkout"
import type LoyaltyEarningService from "../services/loyalty-earning"

/**
 * A placed order pays for its rewards (a safety net: the cart completion
 * normally has, and the debit is keyed per reward) and a member's order
 * earns points on the paid amount, keyed `loyalty:earn:order:<id>`: a
 * repeated delivery of the event changes nothing more.
 */
export default async function settlePointsOfPlacedOrder({ data, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  // A failing settlement is repaired by the ledger's settlement job (decision 0067); the order still earns.
  const unsettled = await inNewTransaction(container.resolve<LoyaltyCheckoutService>("loyaltyCheckoutService"), (s) => s.settleOrder(data.id)).then(
    () => null,
    (e: unknown) => e
  )
  const points = await inNewTransaction(container.resolve<LoyaltyEarningService>("loyaltyEarningService"), (s) => s.earnForOrder(data.id))
  if (points) {
    container.resolve<Logger>("logger").info(`loyalty: order ${data.id} earned ${points} points`)
  }
  if (unsettled) {
    throw unsettled
  }
}

export const config: SubscriberConfig = {
  event: OrderService.Events.PLACED,
  context: { subscriberId: "loyalty-order-placed" },
}
