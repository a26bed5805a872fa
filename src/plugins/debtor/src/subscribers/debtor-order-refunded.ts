import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { inNewTransaction, orderOfRefundEvent, REFUND_EVENTS } from "@customer-modules/core"

import type DebtorInvoiceService from "../services/debtor-invoice"

/**
 * Goods returned, a refund claim, a swap's difference or an admin refund of a
 * web order paid on invoice: Medusa books a refund against the `invoice`
 * payment, which moves no money, so the invoice gets a partial credit note
 * for it — once per refund, however often (and concurrently) the events arrive.
 */
export default async function creditRefundsOnInvoice({ data, eventName, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  const orderId = await orderOfRefundEvent(eventName, data.id, container.resolve<EntityManager>("manager"))
  if (orderId) {
    await inNewTransaction(container.resolve<DebtorInvoiceService>("debtorInvoiceService"), (s) => s.creditRefundsOfOrder(orderId))
  }
}

export const config: SubscriberConfig = {
  event: REFUND_EVENTS,
  context: { subscriberId: "debtor-order-refunded" },
}
