import { adminMutation } from "@customer-modules/core"

import type FeedbackCheckService from "#services/feedback-check"
import { CreateShift } from "#validators"

/** POST /admin/feedback/shifts `{ location_id, staff_id?, name, starts_at, ends_at }` → 201 `{ shift }`. */
export const POST = adminMutation({
  body: CreateShift,
  handler: async (req, manager, body) => {
    const shift = await req.scope.resolve<FeedbackCheckService>("feedbackCheckService").withTransaction(manager).createShift(body)
    return { status: 201, body: { shift } }
  },
})
