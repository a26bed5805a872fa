import { adminMutation } from "@customer-modules/core"

import type ReservationPlanService from "#services/reservation-plan"
import { CreateArea } from "#validators"

/** POST /admin/reservations/areas `{ location_id, name, active?, online?, priority?, position? }` → 201 `{ area }`. */
export const POST = adminMutation({
  body: CreateArea,
  handler: async (req, manager, body) => {
    const area = await req.scope.resolve<ReservationPlanService>("reservationPlanService").withTransaction(manager).createArea(body)
    return { status: 201, body: { area } }
  },
})
