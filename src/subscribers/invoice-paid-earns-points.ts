import type { Logger, SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { DebtorInvoiceEvents } from "@customer-modules/debtor"
import type { LoyaltyEarningService } from "@customer-modules/loyalty"

/**
 * App-level glue between two plugins that do not know each other: the debtor
 * plugin's event when an invoice is paid in full (`{ id, order_id }`) makes the
 * loyalty plugin earn the order's points. The app installs every plugin
 * (medusa-config.js), so both services are here; neither plugin imports the
 * other. A web order paid on
 * invoice earns its points now, not when it was placed: an unpaid order never
 * earns. Refunds booked before the payment (a return, a claim) take their
 * share back at once. Keyed like every web earning (`loyalty:earn:order:<id>`,
 * `loyalty:refund:<refund id>`): a repeated event changes nothing more.
 */
export default async function earnPointsOfPaidInvoice({ data, container }: SubscriberArgs<{ id: string; order_id?: string | null }>): Promise<void> {
  const orderId = data.order_id
  if (!orderId) {
    return
  }
  const manager = container.resolve<EntityManager>("manager")
  const points = await manager.transaction(async (tx) => {
    const service = container.resolve<LoyaltyEarningService>("loyaltyEarningService").withTransaction(tx)
    const earned = await service.earnForOrder(orderId, { paid: true })
    const state = await service.refundsOf(orderId)
    for (const refund of state?.refunds ?? []) {
      await service.takeBack(orderId, refund)
    }
    return earned
  })
  if (points) {
    container.resolve<Logger>("logger").info(`loyalty: order ${orderId} earned ${points} points on its paid invoice`)
  }
}

export const config: SubscriberConfig = {
  event: DebtorInvoiceEvents.PAID,
  context: { subscriberId: "loyalty-invoice-paid" },
}
