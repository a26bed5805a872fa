import { posRoute } from "@customer-modules/pos"

import type FeedbackService from "#services/feedback"

/**
 * GET /store/pos/feedback/questionnaire → `{ questionnaire }`: the one this
 * tablet shows now (its rotation or time window decides), newest version; null
 * when none is assigned (the tablet then shows its idle screen).
 */
export const GET = posRoute({
  scope: "feedback",
  handler: async (req, ctx) => {
    const service = req.scope.resolve<FeedbackService>("feedbackService")
    const questionnaire = await service.forTablet(ctx.terminal, new Date())
    return { status: 200, body: { questionnaire } }
  },
})
