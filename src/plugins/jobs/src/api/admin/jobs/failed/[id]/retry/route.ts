import { z } from "zod"

import { adminMutation, DomainError } from "@customer-modules/core"

import type JobQueueService from "#services/job-queue"

/**
 * POST /admin/jobs/failed/:id/retry `{}` → `{ job }`: runs a failed job again with fresh attempts; 404 when no failed job has this id.
 * The retry is a queue operation (Redis or the in-process queue), not a database write, so it does not take the wrapper's
 * `manager` (decision 134).
 */
export const POST = adminMutation({
  ownTransactions: true,
  body: z.object({}).strict(),
  handler: async (req) => {
    const job = await req.scope.resolve<JobQueueService>("jobQueueService").retry(req.params.id)
    if (!job) {
      throw new DomainError("not_found", `No failed job ${req.params.id}`, 404)
    }
    return { status: 200, body: { job } }
  },
})
