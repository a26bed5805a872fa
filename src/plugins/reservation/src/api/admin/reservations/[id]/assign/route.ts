import { adminMutation } from "@customer-modules/core"

import type ReservationService from "#services/reservation"
import { AssignBody } from "#validators"

/** POST /admin/reservations/:id/assign `{ table_ids, pinned? }` → 200 `{ reservation }`: staff move a booking (same time); pinned unless `pinned: false`. */
export const POST = adminMutation({
  body: AssignBody,
  handler: async (req, manager, body) => {
    const reservation = await req.scope.resolve<ReservationService>("reservationService").withTransaction(manager).assign(req.params.id, body.table_ids, body.pinned ?? true)
    return { status: 200, body: { reservation } }
  },
})
