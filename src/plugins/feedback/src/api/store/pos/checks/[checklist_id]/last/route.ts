import { posRoute } from "@customer-modules/pos"

import type FeedbackCheckService from "#services/feedback-check"

/**
 * GET /store/pos/checks/:checklist_id/last → `{ check: { staff: { name },
 * checked_at } | null }`: the newest check of a checklist of this tablet's
 * location (404 for another location's).
 */
export const GET = posRoute({
  scope: "feedback",
  handler: async (req, ctx) => {
    const service = req.scope.resolve<FeedbackCheckService>("feedbackCheckService")
    const check = await service.last(String(req.params.checklist_id), ctx.terminal.location_id)
    return { status: 200, body: { check } }
  },
})
