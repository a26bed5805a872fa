import { posRoute } from "@customer-modules/pos"

import type ReservationService from "#services/reservation"

/**
 * GET /store/pos/reservations/floor → `{ plan: { time_zone, date, areas, tables: [{ …, state, current, next, today }], combinations } }`:
 * the floor plan of the terminal's location with today's state of every table (free, reserved, seated). Scope `reservation`.
 */
export const GET = posRoute({
  scope: "reservation",
  handler: async (req, ctx) => {
    const plan = await req.scope.resolve<ReservationService>("reservationService").withTransaction(ctx.manager).floorState(ctx.terminal.location_id)
    // A till sees the tables' state, not the guests: no names in this answer.
    return { status: 200, body: { plan } }
  },
})
