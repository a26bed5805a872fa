import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition, csvOf, parseBody } from "@customer-modules/core"

import type FeedbackService from "#services/feedback"
import { ResultsQuery } from "#validators"

/**
 * GET /admin/feedback/questionnaires/:id/export?from=&to=&terminal_id=&location_id=&version=
 * → CSV: one row per response, one column per question of any version.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const filter = parseBody(ResultsQuery, req.query)
  const { columns, rows } = await req.scope.resolve<FeedbackService>("feedbackService").exportRows(String(req.params.id), filter)
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", contentDisposition("attachment", `feedback-${String(req.params.id)}.csv`))
  res.send(csvOf(rows, columns))
}
