import { ClaimService, OrderService, SwapService } from "@medusajs/medusa"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { inNewTransaction } from "@customer-modules/core"

import type DebtorInvoiceService from "../services/debtor-invoice"

/** The order a refunding event is about: its own id, or its claim's or swap's order. */
async function orderOf(eventName: string, id: string, manager: EntityManager): Promise<string | null> {
  if (eventName === ClaimService.Events.REFUND_PROCESSED) {
    const [claim] = await manager.query(`SELECT order_id FROM claim_order WHERE id = $1`, [id])
    return claim?.order_id ?? null
  }
  if (eventName === SwapService.Events.REFUND_PROCESSED) {
    const [swap] = await manager.query(`SELECT order_id FROM swap WHERE id = $1`, [id])
    return swap?.order_id ?? null
  }
  return id
}

/**
 * Goods returned, a refund claim, a swap's difference or an admin refund of a
 * web order paid on invoice: Medusa books a refund against the `invoice`
 * payment, which moves no money, so the invoice gets a partial credit note
 * for it — once per refund, however often (and concurrently) the events arrive.
 */
export default async function creditRefundsOnInvoice({ data, eventName, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  const orderId = await orderOf(eventName, data.id, container.resolve<EntityManager>("manager"))
  if (orderId) {
    await inNewTransaction(container.resolve<DebtorInvoiceService>("debtorInvoiceService"), (s) => s.creditRefundsOfOrder(orderId))
  }
}

export const config: SubscriberConfig = {
  event: [OrderService.Events.REFUND_CREATED, OrderService.Events.ITEMS_RETURNED, ClaimService.Events.REFUND_PROCESSED, SwapService.Events.REFUND_PROCESSED],
  context: { subscriberId: "debtor-order-refunded" },
}
