import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import type ScheduleService from "#services/schedule"

/** GET /admin/jobs/schedules → `{ schedules }` with cron, next and last run. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ schedules: await req.scope.resolve<ScheduleService>("scheduleService").list() })
}
