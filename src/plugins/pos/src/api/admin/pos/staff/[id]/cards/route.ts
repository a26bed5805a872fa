import { adminMutation } from "@customer-modules/core"

import type StaffService from "#services/staff"
import { AddStaffCard } from "#validators"

/** POST /admin/pos/staff/:id/cards `{ uid }` → 201 `{ card }`; 409 `code_taken` when the UID is in use. */
export const POST = adminMutation({
  body: AddStaffCard,
  handler: async (req, manager, body) => {
    const service = req.scope.resolve<StaffService>("staffService").withTransaction(manager)
    return { status: 201, body: { card: await service.addCard(req.params.id, body.uid) } }
  },
})
