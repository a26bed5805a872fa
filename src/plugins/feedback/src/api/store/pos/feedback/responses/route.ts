import { posRoute } from "@customer-modules/pos"

import type FeedbackService from "#services/feedback"
import { SubmitResponse } from "#validators"

/**
 * POST /store/pos/feedback/responses `{ questionnaire_id, version, client_id,
 * answered_at, answers }` → 201 `{ response: { id } }`. The same client id
 * again (a resend from the tablet's offline queue, with any Idempotency-Key)
 * stores nothing and answers the same. Unknown questions, values out of range
 * and answers to questions the rules hide → 400.
 */
export const POST = posRoute({
  scope: "feedback",
  body: SubmitResponse,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<FeedbackService>("feedbackService").withTransaction(ctx.manager)
    const { id } = await service.submit(ctx.terminal, body)
    return { status: 201, body: { response: { id } } }
  },
})
