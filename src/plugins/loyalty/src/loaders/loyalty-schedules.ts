import type { AwilixContainer } from "awilix"

import { ownInstance } from "@customer-modules/core"
import type { ScheduleService } from "@customer-modules/jobs"

import type LoyaltyBirthdayService from "../services/loyalty-birthday"
import type LoyaltyExpiryService from "../services/loyalty-expiry"

/** Birthday greetings once a day; `POST /admin/jobs/schedules/loyalty.birthdays/run` runs it on demand. */
export const BIRTHDAY_SCHEDULE = "loyalty.birthdays"
/** Points expiry and its notices once a night (only with an expiry policy set). */
export const EXPIRY_SCHEDULE = "loyalty.points-expiry"

export default async function loyaltySchedules(container: AwilixContainer): Promise<void> {
  const schedules = container.resolve<ScheduleService>("scheduleService")
  // Each run on a service instance of its own: a run on demand may overlap the scheduled one.
  schedules.register(BIRTHDAY_SCHEDULE, "0 7 * * *", async ({ now }) => ownInstance<LoyaltyBirthdayService>(container, "loyaltyBirthdayService").sendBirthdayGreetings(now))
  schedules.register(EXPIRY_SCHEDULE, "30 3 * * *", async ({ now }) => ownInstance<LoyaltyExpiryService>(container, "loyaltyExpiryService").runAll(now))
}
