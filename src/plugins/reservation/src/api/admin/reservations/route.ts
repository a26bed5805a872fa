import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation, parseBody } from "@customer-modules/core"

import type ReservationService from "#services/reservation"
import { ListQuery, StaffBooking } from "#validators"

/** GET /admin/reservations?location_id=&date=[&status=&area_id=&q=] → `{ reservations }`: the business day's list, by start. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(ListQuery, req.query)
  const reservations = await req.scope.resolve<ReservationService>("reservationService").list(query)
  res.json({ reservations })
}

/**
 * POST /admin/reservations `{ location_id, starts_at, party_size, name, phone?, email?, note?, table_ids?, … }` →
 * 201 `{ reservation, moves, warnings }`: a phone booking. Any time, also outside the online rules (they come back
 * as warnings); `table_ids` chooses the tables (pinned). 409 `slot_unavailable` / `table_taken` when nothing is free.
 */
export const POST = adminMutation({
  body: StaffBooking,
  handler: async (req, manager, body) => {
    const service = req.scope.resolve<ReservationService>("reservationService").withTransaction(manager)
    const result = await service.book(body, "staff", body.walk_in ? "walk_in" : "phone")
    return { status: 201, body: result }
  },
})
