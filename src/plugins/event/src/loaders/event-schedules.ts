import type { AwilixContainer } from "awilix"

import { ownInstance } from "@customer-modules/core"
import type { ScheduleService } from "@customer-modules/jobs"

import type EventRegistrationService from "../services/event-registration"
import { sendRegistrationMail } from "../utils/registration-mail"

export const SWEEP_SCHEDULE = "event.expire-holds"
export const MINIMUM_SCHEDULE = "event.minimum-participants"
export const REMINDER_SCHEDULE = "event.reminders"

/** Days before the start the reminder goes out (EVENT_REMINDER_DAYS, 1 to 30; default 2). */
export function reminderDays(): number {
  const days = Number(process.env.EVENT_REMINDER_DAYS ?? 2)
  return Number.isInteger(days) && days >= 1 && days <= 30 ? days : 2
}

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
  // Every hour: confirmed participants of events starting within the reminder window get one reminder (keyed per date and sequence).
  schedules.register(REMINDER_SCHEDULE, "5 * * * *", async ({ now }) => {
    const ids = await registrations().dueForReminder(now, reminderDays())
    for (const id of ids) {
      await sendRegistrationMail(container, id, "event_reminder")
    }
    return ids.length
  })
}
