import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"

import { ownInstance } from "@customer-modules/core"

import VoucherShopService from "../services/voucher-shop"

/** An issued shop voucher: the buyer's copy now, the recipient's mail now or (a later day) by the delivery schedule. */
export default async function sendShopVoucherIfDue({ data, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  await ownInstance<VoucherShopService>(container, "voucherShopService").sendIfNotSent(data.id, { buyerCopy: true })
}

export const config: SubscriberConfig = {
  event: VoucherShopService.Events.ITEM_ISSUED,
  context: { subscriberId: "gift-card-voucher-shop-item-issued" },
}
