import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import { servicesOf } from "#utils/services"
import { CreateVenue } from "#validators"

/** GET /admin/events/venues → `{ venues }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ venues: await servicesOf(req).events.listVenues() })
}

/** POST /admin/events/venues `{ name, address?, time_zone, capacity_hint?, location_id? }` → 201 `{ venue }`. */
export const POST = adminMutation({
  body: CreateVenue,
  handler: async (req, manager, body) => ({ status: 201, body: { venue: await servicesOf(req, manager).events.createVenue(body) } }),
})
