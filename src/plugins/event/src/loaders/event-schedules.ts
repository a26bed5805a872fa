import type { AwilixContainer } from "awilix"

import { ownInstance } from "@customer-modules/core"
import type { ScheduleService } from "@customer-modules/jobs"

import type EventRegistrationService from "../services/event-registration"

export const SWEEP_SCHEDULE = "event.expire-holds"
export const MINIMUM_SCHEDULE = "event.minimum-participants"

/**
 * Frees expired holds, offers and unpaid registrations every minute (each
 * registration also frees what has expired on its event first, under the
 * event's lock, so nothing waits for this to give a place); every quarter
 * hour, events below their minimum of participants at their cancel-by date
 * are called off.
 */
export default async function eventSchedules(container: AwilixContainer): Promise<void> {
  const schedules = container.resolve<ScheduleService>("scheduleService")
  const registrations = () => ownInstance<EventRegistrationService>(container, "eventRegistrationService")
  schedules.register(SWEEP_SCHEDULE, "* * * * *", () => registrations().sweep())
  // Events past their cancel-by date without their minimum of participants are called off (run on demand with `{ now }`).
  schedules.register(MINIMUM_SCHEDULE, "*/15 * * * *", ({ now }) => registrations().cancelBelowMinimum(now))
}
