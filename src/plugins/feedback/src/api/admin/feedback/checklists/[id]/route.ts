import { adminMutation } from "@customer-modules/core"

import type FeedbackCheckService from "#services/feedback-check"
import { UpdateChecklist } from "#validators"

/**
 * PUT /admin/feedback/checklists/:id `{ name?, interval_minutes?, items?, opening_hours?,
 * show_last?, overdue_email?, overdue_locale? }` → 200 `{ checklist }`: `overdue_email`
 * turns the overdue mail on (null turns it off).
 */
export const PUT = adminMutation({
  body: UpdateChecklist,
  handler: async (req, manager, body) => {
    const checklist = await req.scope.resolve<FeedbackCheckService>("feedbackCheckService").withTransaction(manager).updateChecklist(String(req.params.id), body)
    return { status: 200, body: { checklist } }
  },
})
