import type { AwilixContainer } from "awilix"

import { ownInstance } from "@customer-modules/core"
import type { ScheduleService } from "@customer-modules/jobs"
import { registerCheckoutParticipant } from "@customer-modules/ledger"

import type VoucherShopService from "../services/voucher-shop"

/** Hourly: sends the shop vouchers whose delivery morning has come (`POST /admin/jobs/schedules/gift-card.voucher-shop-deliveries/run { now? }`). */
export const DELIVERY_SCHEDULE = "gift-card.voucher-shop-deliveries"

/**
 * The voucher shop's part in cart completion (a changed shop cart is refused
 * before payment) and its delivery schedule. A voucher for a later day has its
 * instant (`send_at`: that day's send hour in the merchant's time zone) stored
 * when bought, so the server's zone plays no part.
 */
export default async function voucherShop(container: AwilixContainer): Promise<void> {
  registerCheckoutParticipant(container, "voucherShopService")
  container
    .resolve<ScheduleService>("scheduleService")
    .register(DELIVERY_SCHEDULE, "5 * * * *", async ({ now }) => ownInstance<VoucherShopService>(container, "voucherShopService").deliverDue(now))
}
