import { z } from "zod"

import { adminMutation } from "@customer-modules/core"

import type ReservationPlanService from "#services/reservation-plan"

/** DELETE /admin/reservations/combinations/:id → 200 `{ id, deleted: true }`. */
export const DELETE = adminMutation({
  body: z.object({}).strict(),
  handler: async (req, manager) => {
    await req.scope.resolve<ReservationPlanService>("reservationPlanService").withTransaction(manager).deleteCombination(req.params.id)
    return { status: 200, body: { id: req.params.id, deleted: true } }
  },
})
