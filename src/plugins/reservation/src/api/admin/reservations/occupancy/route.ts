import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type ReservationService from "#services/reservation"
import { DayQuery } from "#validators"

/** GET /admin/reservations/occupancy?location_id=&date= → `{ date, time_zone, points: [{ time, at, guests }] }`: guests per 15 minutes. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const q = parseBody(DayQuery, req.query)
  res.json(await req.scope.resolve<ReservationService>("reservationService").occupancy(q.location_id, q.date))
}
