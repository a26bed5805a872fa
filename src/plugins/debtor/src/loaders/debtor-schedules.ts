import type { AwilixContainer } from "awilix"

import { ownInstance } from "@customer-modules/core"
import type { ScheduleService } from "@customer-modules/jobs"

import type DebtorReminderService from "../services/debtor-reminder"
import type DebtorStatementService from "../services/debtor-statement"

export const REMINDER_SCHEDULE = "debtor.reminders"
export const STATEMENT_SCHEDULE = "debtor.monthly-statements"

/**
 * Registers the debtor schedules with the jobs plugin: reminders every morning,
 * open-items statements on the first of the month. Both take `now` (run on
 * demand: POST /admin/jobs/schedules/:name/run `{ now }`) and are safe to rerun.
 */
export default async function debtorSchedules(container: AwilixContainer): Promise<void> {
  const schedules = container.resolve<ScheduleService>("scheduleService")
  // Each run on a service instance of its own: a run on demand may overlap the scheduled one.
  schedules.register(REMINDER_SCHEDULE, "0 7 * * *", ({ now }) => ownInstance<DebtorReminderService>(container, "debtorReminderService").sendRemindersDue(now))
  schedules.register(STATEMENT_SCHEDULE, "0 6 1 * *", ({ now }) =>
    ownInstance<DebtorStatementService>(container, "debtorStatementService").sendMonthlyStatements(now)
  )
}
