import { adminMutation } from "@customer-modules/core"

import type ReservationService from "#services/reservation"
import { StatusBody } from "#validators"

/** POST /admin/reservations/:id/status `{ status: seated | finished | no_show | cancelled }` → 200 `{ reservation }`. */
export const POST = adminMutation({
  body: StatusBody,
  handler: async (req, manager, body) => {
    const reservation = await req.scope.resolve<ReservationService>("reservationService").withTransaction(manager).setStatus(req.params.id, body.status)
    return { status: 200, body: { reservation } }
  },
})
