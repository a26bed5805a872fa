import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type FeedbackService from "#services/feedback"
import { ResultsQuery } from "#validators"

/**
 * GET /admin/feedback/questionnaires/:id/results?from=&to=&terminal_id=&location_id=&version=
 * → `{ responses, questions: [{ id, type, title, answered, counts?, average?, nps?, texts? }], days }`.
 * Questions of every version are listed, so older answers are counted too.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const filter = parseBody(ResultsQuery, req.query)
  const results = await req.scope.resolve<FeedbackService>("feedbackService").results(String(req.params.id), filter)
  res.json(results)
}
