import { OrderService } from "@medusajs/medusa"
import type { Logger, SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"

import { inNewTransaction } from "@customer-modules/core"

import type VoucherCheckoutService from "../services/voucher-checkout"

/** A cancelled order's voucher payments go back on the vouchers, once (a repeated event reverses nothing more). */
export default async function voucherOrderCanceled({ data, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  const restored = await inNewTransaction(container.resolve<VoucherCheckoutService>("voucherCheckoutService"), (s) => s.restoreOrder(data.id))
  if (restored) {
    container.resolve<Logger>("logger").info(`gift-card: put back ${restored} voucher payment(s) of cancelled order ${data.id}`)
  }
}

export const config: SubscriberConfig = {
  event: OrderService.Events.CANCELED,
  context: { subscriberId: "gift-card-voucher-order-canceled" },
}
