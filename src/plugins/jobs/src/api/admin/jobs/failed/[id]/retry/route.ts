import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { DomainError } from "@customer-modules/core"

import type JobQueueService from "#services/job-queue"

/** POST /admin/jobs/failed/:id/retry → `{ job }`: runs a failed job again with fresh attempts; 404 when no failed job has this id. */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const job = await req.scope.resolve<JobQueueService>("jobQueueService").retry(req.params.id)
  if (!job) {
    throw new DomainError("not_found", `No failed job ${req.params.id}`, 404)
  }
  res.json({ job })
}
