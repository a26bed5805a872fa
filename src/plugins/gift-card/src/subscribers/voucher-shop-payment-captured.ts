import { OrderService } from "@medusajs/medusa"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"

import { inNewTransaction } from "@customer-modules/core"

import type VoucherShopService from "../services/voucher-shop"

/** The vouchers (and blank-voucher loads) of a shop order, issued once its payment is captured: once per item, however often this runs. */
export default async function issueShopVouchersIfNotIssued({ data, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  await inNewTransaction(container.resolve<VoucherShopService>("voucherShopService"), (s) => s.issueCaptured(data.id))
}

export const config: SubscriberConfig = {
  event: OrderService.Events.PAYMENT_CAPTURED,
  context: { subscriberId: "gift-card-voucher-shop-payment-captured" },
}
