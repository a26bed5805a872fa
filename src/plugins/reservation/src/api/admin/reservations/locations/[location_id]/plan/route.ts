import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type ReservationService from "#services/reservation"
import { PlanQuery } from "#validators"

/**
 * GET /admin/reservations/locations/:location_id/plan[?at=ISO] → `{ plan }`: areas, tables with their state
 * (free, reserved, seated) at `at` (default now) and the booking holding each, combinations.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(PlanQuery, req.query)
  const at_ms = query.at ? Date.parse(query.at) : Date.now()
  const plan = await req.scope.resolve<ReservationService>("reservationService").floorState(req.params.location_id, at_ms)
  res.json({ plan })
}
