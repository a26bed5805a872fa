import type { AwilixContainer } from "awilix"

import type { ScheduleService } from "@customer-modules/jobs"

import type LoyaltyService from "../services/loyalty"
import type LoyaltyExpiryService from "../services/loyalty-expiry"

/** Birthday greetings once a day; `POST /admin/jobs/schedules/loyalty.birthdays/run` runs it on demand. */
export const BIRTHDAY_SCHEDULE = "loyalty.birthdays"
/** Points expiry and its notices once a night (only with an expiry policy set). */
export const EXPIRY_SCHEDULE = "loyalty.points-expiry"

export default async function loyaltySchedules(container: AwilixContainer): Promise<void> {
  const schedules = container.resolve<ScheduleService>("scheduleService")
  schedules.register(BIRTHDAY_SCHEDULE, "0 7 * * *", async ({ now }) => container.resolve<LoyaltyService>("loyaltyService").sendBirthdayGreetings(now))
  schedules.register(EXPIRY_SCHEDULE, "30 3 * * *", async ({ now }) => container.resolve<LoyaltyExpiryService>("loyaltyExpiryService").runAll(now))
}
