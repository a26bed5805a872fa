import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import { servicesOf } from "#utils/services"
import { UpdateEvent } from "#validators"

/** GET /admin/events/:id → `{ event }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ event: await servicesOf(req).events.retrieve(req.params.id) })
}

/** POST /admin/events/:id (fields to change) → 200 `{ event }`; a new date, time, venue or title is announced to the participants. */
export const POST = adminMutation({
  body: UpdateEvent,
  handler: async (req, manager, body) => ({ status: 200, body: { event: await servicesOf(req, manager).events.update(req.params.id, body) } }),
})
