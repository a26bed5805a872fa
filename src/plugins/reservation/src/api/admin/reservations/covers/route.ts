import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type ReservationService from "#services/reservation"
import { MonthQuery } from "#validators"

/** GET /admin/reservations/covers?location_id=&month=YYYY-MM → `{ month, days: [{ date, covers, reservations, no_shows }] }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const q = parseBody(MonthQuery, req.query)
  res.json(await req.scope.resolve<ReservationService>("reservationService").coversByDay(q.location_id, q.month))
}
