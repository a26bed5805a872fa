import type { AwilixContainer } from "awilix"

import { ownInstance } from "@customer-modules/core"
import { registerMailKind } from "@customer-modules/jobs"
import type { ScheduleService } from "@customer-modules/jobs"

import type FeedbackCheckService from "../services/feedback-check"

export const OVERDUE_SCHEDULE = "feedback.overdue-checks"

/**
 * Registers what the feedback plugin brings: its mail kinds (the POS scope
 * `feedback` is built in) and the overdue-check schedule (every five minutes:
 * each overdue period of a checklist is mailed once, however often it runs).
 */
export default async function registerFeedback(container: AwilixContainer): Promise<void> {
  // By require, as the platform's registry expects: a typed kind is not assignable to the registry's untyped one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  registerMailKind(require("../mail/feedback-alert").default)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  registerMailKind(require("../mail/feedback-overdue").default)
  container
    .resolve<ScheduleService>("scheduleService")
    .register(OVERDUE_SCHEDULE, "*/5 * * * *", ({ now }) => ownInstance<FeedbackCheckService>(container, "feedbackCheckService").mailOverdue(now))
}
