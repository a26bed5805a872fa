import { z } from "zod"

import { adminMutation } from "@customer-modules/core"

import type StaffService from "#services/staff"

/** DELETE /admin/pos/staff/:id/cards/:card_id: revokes the card at once → `{ card }`. */
export const DELETE = adminMutation({
  body: z.object({}).strict(),
  handler: async (req, manager) => {
    const service = req.scope.resolve<StaffService>("staffService").withTransaction(manager)
    return { status: 200, body: { card: await service.revokeCard(req.params.id, req.params.card_id) } }
  },
})
