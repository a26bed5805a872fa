import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import type ReservationPlanService from "#services/reservation-plan"
import { SettingsBody } from "#validators"

/** GET /admin/reservations/locations/:location_id/settings → `{ settings }` (404 when not set up). */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const settings = await req.scope.resolve<ReservationPlanService>("reservationPlanService").settings(req.params.location_id)
  res.json({ settings })
}

/** PUT /admin/reservations/locations/:location_id/settings `{ online, slot_minutes, opening_hours, … }` → 200 `{ settings }`. */
export const PUT = adminMutation({
  body: SettingsBody,
  handler: async (req, manager, body) => {
    const settings = await req.scope.resolve<ReservationPlanService>("reservationPlanService").withTransaction(manager).putSettings(req.params.location_id, body)
    return { status: 200, body: { settings } }
  },
})
