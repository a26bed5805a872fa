import { adminMutation } from "@customer-modules/core"

import type ReservationPlanService from "#services/reservation-plan"
import { CreateCombination } from "#validators"

/** POST /admin/reservations/combinations `{ table_ids, min_seats, max_seats }` → 201 `{ combination }`: tables that may be joined for one party. */
export const POST = adminMutation({
  body: CreateCombination,
  handler: async (req, manager, body) => {
    const combination = await req.scope.resolve<ReservationPlanService>("reservationPlanService").withTransaction(manager).createCombination(body)
    return { status: 201, body: { combination } }
  },
})
