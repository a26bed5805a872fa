import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import type JobQueueService from "#services/job-queue"

/** GET /admin/jobs/failed → `{ jobs }`: jobs that used up their attempts or failed for good, newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ jobs: await req.scope.resolve<JobQueueService>("jobQueueService").listFailed() })
}
