import type { AwilixContainer } from "awilix"

import type { ScheduleService } from "@customer-modules/jobs"

import type LoyaltyService from "../services/loyalty"

/** Birthday greetings once a day; `POST /admin/jobs/schedules/loyalty.birthdays/run` runs it on demand. */
export const BIRTHDAY_SCHEDULE = "loyalty.birthdays"

export default async function loyaltySchedules(container: AwilixContainer): Promise<void> {
  container
    .resolve<ScheduleService>("scheduleService")
    .register(BIRTHDAY_SCHEDULE, "0 7 * * *", async ({ now }) => container.resolve<LoyaltyService>("loyaltyService").sendBirthdayGreetings(now))
}
