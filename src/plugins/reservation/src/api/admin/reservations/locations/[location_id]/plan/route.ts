import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import type ReservationService from "../../../../../../services/reservation"

/** GET /admin/reservations/locations/:location_id/plan → `{ plan }`: areas, tables with today's state, combinations. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const plan = await req.scope.resolve<ReservationService>("reservationService").floorState(req.params.location_id)
  res.json({ plan })
}
