import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation, parseBody } from "@customer-modules/core"

import { servicesOf } from "#utils/services"
import { AdminListEvents, CreateEvent } from "#validators"

/** GET /admin/events[?from=&to=&q=&limit=&offset=] → `{ events, count }`, by start. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const filter = parseBody(AdminListEvents, req.query)
  res.json(await servicesOf(req).events.list(filter))
}

/** POST /admin/events `{ title, description?, venue_id, starts_at, ends_at, capacity, price, currency_code, published, waitlist?, … }` → 201 `{ event }`. */
export const POST = adminMutation({
  body: CreateEvent,
  handler: async (req, manager, body) => ({ status: 201, body: { event: await servicesOf(req, manager).events.create(body) } }),
})
