import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import { z } from "zod"

import { instant, parseBody } from "@customer-modules/core"

import type FeedbackService from "#services/feedback"

export const AtQuery = z.object({ at: instant.optional() }).strict()

/**
 * GET /admin/feedback/terminals[?at=] → `{ terminals: [{ terminal, settings, time_zone,
 * showing: { questionnaire_id, title, reason, until } }] }`: every active terminal with
 * the feedback scope and what it shows now (or at `at`, to preview a rotation).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { at } = parseBody(AtQuery, req.query)
  const terminals = await req.scope.resolve<FeedbackService>("feedbackService").listTerminals(at ?? new Date())
  res.json({ terminals })
}
