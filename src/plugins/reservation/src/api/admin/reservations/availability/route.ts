import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type ReservationService from "#services/reservation"
import { AvailabilityQuery } from "#validators"

/** GET /admin/reservations/availability?location_id=&date=&party_size= → `{ date, time_zone, slots }` as staff may book (online rules do not apply). */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const q = parseBody(AvailabilityQuery, req.query)
  const day = await req.scope.resolve<ReservationService>("reservationService").availability(q.location_id, q.date, q.party_size, "staff")
  res.json({ ...day, slots: day.slots.map(({ time, starts_at, available, reason }) => ({ time, starts_at, available, ...(reason ? { reason } : {}) })) })
}
