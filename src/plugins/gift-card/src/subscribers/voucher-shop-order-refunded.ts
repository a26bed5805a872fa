import { OrderService } from "@medusajs/medusa"
import type { Logger, SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { inNewTransaction, orderOfRefundEvent, REFUND_EVENTS } from "@customer-modules/core"

import type VoucherShopService from "../services/voucher-shop"

/** A refunded or cancelled shop order: what is left on its vouchers is blocked (once; a repeat blocks nothing more). */
export default async function blockRefundedShopVouchers({ data, eventName, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  const orderId = await orderOfRefundEvent(eventName, data.id, container.resolve<EntityManager>("manager"))
  if (!orderId) {
    return
  }
  const blocked = await inNewTransaction(container.resolve<VoucherShopService>("voucherShopService"), (s) => s.blockOrder(orderId))
  if (blocked) {
    container.resolve<Logger>("logger").info(`gift-card: blocked ${blocked} voucher(s) of refunded online order ${orderId}`)
  }
}

export const config: SubscriberConfig = {
  event: [...REFUND_EVENTS, OrderService.Events.CANCELED],
  context: { subscriberId: "gift-card-voucher-shop-order-refunded" },
}
