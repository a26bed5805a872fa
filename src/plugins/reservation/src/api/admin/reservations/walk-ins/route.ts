import { adminMutation } from "@customer-modules/core"

import type ReservationService from "#services/reservation"
import { WalkIn } from "#validators"

/** POST /admin/reservations/walk-ins `{ location_id, party_size, name?, table_ids?, note? }` → 201 `{ reservation, warnings }`: seated now. */
export const POST = adminMutation({
  body: WalkIn,
  handler: async (req, manager, body) => {
    const result = await req.scope
      .resolve<ReservationService>("reservationService")
      .withTransaction(manager)
      .book({ ...body, name: body.name ?? "Walk-in", starts_at: new Date().toISOString() }, "staff", "walk_in")
    return { status: 201, body: result }
  },
})
