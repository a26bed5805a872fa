import type { AwilixContainer } from "awilix"

import { ownInstance } from "@customer-modules/core"
import type { ScheduleService } from "@customer-modules/jobs"

import type EventRegistrationService from "../services/event-registration"

export const SWEEP_SCHEDULE = "event.expire-holds"

/**
 * Frees expired holds, offers and unpaid registrations every minute (each
 * registration also frees what has expired on its event first, under the
 * event's lock, so nothing waits for this to give a place).
 */
export default async function eventSchedules(container: AwilixContainer): Promise<void> {
  const schedules = container.resolve<ScheduleService>("scheduleService")
  schedules.register(SWEEP_SCHEDULE, "* * * * *", () => ownInstance<EventRegistrationService>(container, "eventRegistrationService").sweep())
}
