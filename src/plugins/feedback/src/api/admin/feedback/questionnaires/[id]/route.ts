import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import { z } from "zod"

import { adminMutation, adminUserIdOf, parseBody } from "@customer-modules/core"

import type FeedbackService from "#services/feedback"
import { SaveQuestionnaire } from "#validators"

const Query = z.object({ version: z.coerce.number().int().min(1).optional() }).strict()

/** GET /admin/feedback/questionnaires/:id[?version=] → `{ questionnaire: { id, version, title, definition, versions } }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { version } = parseBody(Query, req.query)
  const questionnaire = await req.scope.resolve<FeedbackService>("feedbackService").retrieve(String(req.params.id), version)
  res.json({ questionnaire })
}

/**
 * PUT /admin/feedback/questionnaires/:id `{ title, definition }` → 200
 * `{ questionnaire: { id, version } }`: saves a new version; responses keep theirs.
 */
export const PUT = adminMutation({
  body: SaveQuestionnaire,
  handler: async (req, manager, body) => {
    const service = req.scope.resolve<FeedbackService>("feedbackService").withTransaction(manager)
    const questionnaire = await service.revise(String(req.params.id), body, adminUserIdOf(req))
    return { status: 200, body: { questionnaire } }
  },
})
