import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type ScheduleService from "#services/schedule"
import { RunSchedule } from "#validators"

/** POST /admin/jobs/schedules/:name/run `{ now? }` → `{ run }`: one run now, as if at `now`; 404 for an unknown schedule. */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(RunSchedule, req.body)
  const run = await req.scope.resolve<ScheduleService>("scheduleService").run(req.params.name, body.now ? new Date(body.now) : undefined)
  res.json({ run })
}
