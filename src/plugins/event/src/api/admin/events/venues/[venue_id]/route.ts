import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import { z } from "zod"

import { adminMutation } from "@customer-modules/core"

import { servicesOf } from "#utils/services"
import { UpdateVenue } from "#validators"

/** GET /admin/events/venues/:venue_id → `{ venue }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ venue: await servicesOf(req).events.retrieveVenue(req.params.venue_id) })
}

/** POST /admin/events/venues/:venue_id (fields to change) → 200 `{ venue }`. Existing dates keep their zone and times. */
export const POST = adminMutation({
  body: UpdateVenue,
  handler: async (req, manager, body) => ({ status: 200, body: { venue: await servicesOf(req, manager).events.updateVenue(req.params.venue_id, body) } }),
})

/** DELETE /admin/events/venues/:venue_id → 200 `{ id, deleted: true }` when no event and no template uses it, else 409 `venue_in_use`. */
export const DELETE = adminMutation({
  body: z.object({}).strict(),
  handler: async (req, manager) => {
    await servicesOf(req, manager).events.deleteVenue(req.params.venue_id)
    return { status: 200, body: { id: req.params.venue_id, deleted: true } }
  },
})
