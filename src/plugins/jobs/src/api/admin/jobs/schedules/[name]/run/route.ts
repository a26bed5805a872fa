import { adminMutation } from "@customer-modules/core"

import type ScheduleService from "#services/schedule"
import { RunSchedule } from "#validators"

/**
 * POST /admin/jobs/schedules/:name/run `{ now? }` → `{ run }`: one run now, as if at `now`; 404 for an unknown schedule.
 * A run does its own work in its own transactions (a batch each, its run row claimed first), so it does not take the
 * wrapper's `manager` (decision 134).
 */
export const POST = adminMutation({
  ownTransactions: true,
  body: RunSchedule,
  handler: async (req, _manager, body) => ({
    status: 200,
    body: { run: await req.scope.resolve<ScheduleService>("scheduleService").run(req.params.name, body.now ? new Date(body.now) : undefined) },
  }),
})
