import type { Logger, ScheduledJobArgs, ScheduledJobConfig } from "@medusajs/medusa"

import { ownInstance } from "@customer-modules/core"

import type VoucherService from "../services/voucher"

/**
 * Every hour: expires what is left on vouchers whose validity has ended.
 * Validity ends at an instant computed in the selling location's time zone,
 * so the server's own time zone plays no part; a repeated run expires nothing twice.
 */
export default async function expireVouchers({ container }: ScheduledJobArgs): Promise<void> {
  const logger = container.resolve<Logger>("logger")
  // An instance of its own: the root one is shared with everything else outside requests.
  const { expired, amount } = await ownInstance<VoucherService>(container, "voucherService").expireDue()
  if (expired) {
    logger.info(`gift-card: expired ${expired} voucher(s), ${amount} minor units in all`)
  }
}

export const config: ScheduledJobConfig = {
  name: "gift-card-expire-vouchers",
  schedule: "7 * * * *",
  data: {},
}
