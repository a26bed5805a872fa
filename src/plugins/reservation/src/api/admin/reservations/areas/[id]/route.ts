import { adminMutation } from "@customer-modules/core"

import type ReservationPlanService from "#services/reservation-plan"
import { UpdateArea } from "#validators"

/** POST /admin/reservations/areas/:id `{ name?, active?, online?, priority?, position? }` → 200 `{ area }`. */
export const POST = adminMutation({
  body: UpdateArea,
  handler: async (req, manager, body) => {
    const area = await req.scope.resolve<ReservationPlanService>("reservationPlanService").withTransaction(manager).updateArea(req.params.id, body)
    return { status: 200, body: { area } }
  },
})
