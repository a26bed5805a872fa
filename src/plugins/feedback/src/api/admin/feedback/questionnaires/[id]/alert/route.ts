import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import type FeedbackService from "#services/feedback"
import { SetAlert } from "#validators"

/** GET /admin/feedback/questionnaires/:id/alert → `{ alert }` (null when none is set). */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const alert = await req.scope.resolve<FeedbackService>("feedbackService").getAlert(String(req.params.id))
  res.json({ alert })
}

/**
 * PUT /admin/feedback/questionnaires/:id/alert `{ email, locale?, threshold_percent, window_minutes,
 * min_responses?, active? }` → 200 `{ alert }`: a mail when the share of bad ratings (smiley or
 * rating ≤ 2, NPS ≤ 6) within the window reaches the threshold, at most once per window.
 */
export const PUT = adminMutation({
  body: SetAlert,
  handler: async (req, manager, body) => {
    const alert = await req.scope.resolve<FeedbackService>("feedbackService").withTransaction(manager).setAlert(String(req.params.id), {
      email: body.email,
      locale: body.locale ?? "de",
      threshold_percent: body.threshold_percent,
      window_minutes: body.window_minutes,
      min_responses: body.min_responses ?? 5,
      active: body.active ?? true,
    })
    return { status: 200, body: { alert } }
  },
})
