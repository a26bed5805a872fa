import { DomainError } from "@customer-modules/core"
import { posRoute } from "@customer-modules/pos"

import type FeedbackCheckService from "#services/feedback-check"
import { SubmitCheck } from "#validators"

/**
 * POST /store/pos/checks `{ checklist_id, client_id, checked_at?, items? }`
 * with the staff card's UID in `X-Staff-Card` → 201 `{ check: { id, staff:
 * { id, name }, checked_at } }`. Without a known card 401 `unknown_staff_card`.
 * The same client id again answers the first check.
 */
export const POST = posRoute({
  scope: "feedback",
  body: SubmitCheck,
  handler: async (req, ctx, body) => {
    if (!ctx.staff_id) {
      throw new DomainError("unknown_staff_card", "Hold a staff card to the reader: a check is signed with it", 401)
    }
    const service = req.scope.resolve<FeedbackCheckService>("feedbackCheckService").withTransaction(ctx.manager)
    const { check } = await service.check(ctx.terminal, ctx.staff_id, body)
    return { status: 201, body: { check: { id: check.id, checklist_id: check.checklist_id, staff: check.staff, items: check.items, checked_at: check.checked_at } } }
  },
})
