import { adminMutation } from "@customer-modules/core"

import type ReservationPlanService from "#services/reservation-plan"
import { CreateTable } from "#validators"

/** POST /admin/reservations/tables `{ area_id, name, min_seats, max_seats, shape?, x?, y?, width?, height?, rotation?, … }` → 201 `{ table }`. */
export const POST = adminMutation({
  body: CreateTable,
  handler: async (req, manager, body) => {
    const table = await req.scope.resolve<ReservationPlanService>("reservationPlanService").withTransaction(manager).createTable(body)
    return { status: 201, body: { table } }
  },
})
