import type { AwilixContainer } from "awilix"

import { ownInstance } from "@customer-modules/core"
import { registerMailKind } from "@customer-modules/jobs"
import type { ScheduleService } from "@customer-modules/jobs"
import { registerPosScope } from "@customer-modules/pos"

import cancelled from "../mail/reservation-cancelled"
import confirmation from "../mail/reservation-confirmation"
import merchantNotice from "../mail/reservation-merchant-notice"
import reminder from "../mail/reservation-reminder"
import type ReservationMailService from "../services/reservation-mail"

export const REMINDER_SCHEDULE = "reservation.reminders"

/** The reservation plugin's mail kinds, its POS scope (tills read the floor plan) and the reminder schedule. */
export default async function registrations(container: AwilixContainer): Promise<void> {
  registerMailKind(confirmation)
  registerMailKind(cancelled)
  registerMailKind(reminder)
  registerMailKind(merchantNotice)
  registerPosScope({ scope: "reservation", plugin: "reservation", label: { de: "Reservierungen (Tischplan)", en: "Reservations (floor plan)", pt: "Reservas (planta)" } })
  const schedules = container.resolve<ScheduleService>("scheduleService")
  // Every hour: a location's "tomorrow" begins at its own midnight.
  schedules.register(REMINDER_SCHEDULE, "5 * * * *", ({ now }) => ownInstance<ReservationMailService>(container, "reservationMailService").sendRemindersDue(now))
}
