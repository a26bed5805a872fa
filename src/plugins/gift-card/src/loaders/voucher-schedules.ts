import type { AwilixContainer } from "awilix"

import { ownInstance } from "@customer-modules/core"
import type { ScheduleService } from "@customer-modules/jobs"

import type VoucherService from "../services/voucher"

/** Hourly voucher expiry; listed on "Mail & documents" with its last run, `POST /admin/jobs/schedules/gift-card.expire-vouchers/run` runs it now. */
export const EXPIRY_SCHEDULE = "gift-card.expire-vouchers"

/**
 * Expires what is left on vouchers whose validity has ended. Validity ends at an instant
 * computed in the selling location's time zone, so the server's zone plays no part; a
 * repeated or overlapping run expires nothing twice. Through the jobs plugin's schedules,
 * so it runs with Redis (once per tick across instances) and without (in-process timer).
 */
export default async function voucherSchedules(container: AwilixContainer): Promise<void> {
  container
    .resolve<ScheduleService>("scheduleService")
    .register(EXPIRY_SCHEDULE, "7 * * * *", async ({ now }) => ownInstance<VoucherService>(container, "voucherService").expireDue(now))
}
