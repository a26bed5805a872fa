import { posRoute } from "@customer-modules/pos"

import type FeedbackCheckService from "#services/feedback-check"

/**
 * GET /store/pos/feedback/checklists → `{ checklists: [{ id, name, items,
 * interval_minutes, show_last, last_check: { staff: { name }, checked_at } | null }] }`:
 * the checklists of this tablet's location.
 */
export const GET = posRoute({
  scope: "feedback",
  handler: async (req, ctx) => {
    const service = req.scope.resolve<FeedbackCheckService>("feedbackCheckService")
    const list = await service.listChecklists({ location_id: ctx.terminal.location_id }, new Date())
    return {
      status: 200,
      body: {
        checklists: list.map((c) => ({
          id: c.id,
          name: c.name,
          items: c.items,
          interval_minutes: c.interval_minutes,
          show_last: c.show_last,
          overdue: c.overdue,
          last_check: c.show_last && c.last_check ? { staff: { name: c.last_check.staff.name }, checked_at: c.last_check.checked_at } : null,
        })),
      },
    }
  },
})
