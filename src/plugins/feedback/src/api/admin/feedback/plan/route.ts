import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type FeedbackCheckService from "#services/feedback-check"
import { ShiftsQuery } from "#validators"

/**
 * GET /admin/feedback/plan?location_id=&from=&to= → `{ shifts: [{ …, checks, responses }],
 * outside_shifts, gaps }`: the checks and feedback laid over the shifts, and the gaps
 * between checks longer than their checklist's interval.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { location_id, from, to } = parseBody(ShiftsQuery, req.query)
  const plan = await req.scope.resolve<FeedbackCheckService>("feedbackCheckService").plan(location_id, from, to)
  res.json(plan)
}
