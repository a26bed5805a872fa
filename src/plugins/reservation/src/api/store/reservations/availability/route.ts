import { publicRoute } from "@customer-modules/pos"

import type ReservationService from "#services/reservation"
import { AvailabilityQuery } from "#validators"

/**
 * GET /store/reservations/availability?location_id=&date=&party_size= → 200 `{ date, time_zone, slots: [{ time, starts_at, available }] }`:
 * every slot of that local day's opening hours, available when a table or combination is free for the whole seating and
 * the online rules allow it.
 */
export const GET = publicRoute({
  query: AvailabilityQuery,
  limit: { points: 600, duration_s: 60 },
  handler: async (req, manager, { query }) => {
    const day = await req.scope.resolve<ReservationService>("reservationService").withTransaction(manager).availability(query.location_id, query.date, query.party_size, "online")
    return { status: 200, body: { date: day.date, time_zone: day.time_zone, slots: day.slots.map(({ time, starts_at, available }) => ({ time, starts_at, available })) } }
  },
})
