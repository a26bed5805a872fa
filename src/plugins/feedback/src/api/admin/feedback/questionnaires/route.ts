import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation, adminUserIdOf } from "@customer-modules/core"

import type FeedbackService from "#services/feedback"
import { SaveQuestionnaire } from "#validators"

/** GET /admin/feedback/questionnaires → `{ questionnaires: [{ id, title, version, responses, … }] }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const questionnaires = await req.scope.resolve<FeedbackService>("feedbackService").list()
  res.json({ questionnaires })
}

/** POST /admin/feedback/questionnaires `{ title, definition }` → 201 `{ questionnaire: { id, version } }`. */
export const POST = adminMutation({
  body: SaveQuestionnaire,
  handler: async (req, manager, body) => {
    const service = req.scope.resolve<FeedbackService>("feedbackService").withTransaction(manager)
    const questionnaire = await service.create(body, adminUserIdOf(req))
    return { status: 201, body: { questionnaire } }
  },
})
