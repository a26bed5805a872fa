import { publicRoute } from "@customer-modules/pos"

import type ReservationService from "#services/reservation"
import { toPublic } from "#services/reservation"
import { CancelBody } from "#validators"

/** POST /store/reservations/:id/cancel `{ token }` → 200 `{ reservation }` cancelled; 403 `invalid_token`; 409 when no longer confirmed; 422 `too_late`. */
export const POST = publicRoute({
  body: CancelBody,
  limit: { points: 30, duration_s: 60 },
  handler: async (req, manager, { body }) => {
    const reservation = await req.scope.resolve<ReservationService>("reservationService").withTransaction(manager).cancelByGuest(req.params.id, body.token)
    return { status: 200, body: { reservation: toPublic(reservation) } }
  },
})
