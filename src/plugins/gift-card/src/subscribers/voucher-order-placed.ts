import { OrderService } from "@medusajs/medusa"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"

import { inNewTransaction } from "@customer-modules/core"

import type VoucherCheckoutService from "../services/voucher-checkout"

/**
 * The safety net behind the completion strategy: every placed order's voucher
 * payments are debited from the ledger, keyed by order and gift card, so an
 * order the strategy already settled (or an event delivered twice) debits nothing more.
 */
export default async function voucherOrderPlaced({ data, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  await inNewTransaction(container.resolve<VoucherCheckoutService>("voucherCheckoutService"), (s) => s.debitOrder(data.id))
}

export const config: SubscriberConfig = {
  event: OrderService.Events.PLACED,
  context: { subscriberId: "gift-card-voucher-order-placed" },
}
