import { adminMutation } from "@customer-modules/core"

import type ReservationPlanService from "#services/reservation-plan"
import { CreateRule } from "#validators"

/**
 * POST /admin/reservations/rules `{ location_id, area_id? | table_id?, effect, weekdays?, start_time?, end_time?, from_date?, to_date? }`
 * → 201 `{ rule }`. `closed`: not bookable; `online_closed`: staff only; `open_only`: bookable only inside the rule's windows.
 */
export const POST = adminMutation({
  body: CreateRule,
  handler: async (req, manager, body) => {
    const rule = await req.scope.resolve<ReservationPlanService>("reservationPlanService").withTransaction(manager).createRule(body)
    return { status: 201, body: { rule } }
  },
})
