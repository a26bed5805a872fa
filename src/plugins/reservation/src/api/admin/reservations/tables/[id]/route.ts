import { adminMutation } from "@customer-modules/core"

import type ReservationPlanService from "#services/reservation-plan"
import { UpdateTable } from "#validators"

/** POST /admin/reservations/tables/:id `{ x?, y?, width?, height?, rotation?, name?, seats…, area_id?, active?, online? }` → 200 `{ table }`. */
export const POST = adminMutation({
  body: UpdateTable,
  handler: async (req, manager, body) => {
    const table = await req.scope.resolve<ReservationPlanService>("reservationPlanService").withTransaction(manager).updateTable(req.params.id, body)
    return { status: 200, body: { table } }
  },
})
