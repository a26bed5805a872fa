import { adminMutation } from "@customer-modules/core"

import { servicesOf } from "#utils/services"
import { UpdateRegistration } from "#validators"

import { staffRegistration } from "../route"

/** POST /admin/events/:id/registrations/:registration_id `{ note?, checked_in? }` → 200 `{ registration }` (check-in at the door). */
export const POST = adminMutation({
  body: UpdateRegistration,
  handler: async (req, manager, body) => {
    const r = await servicesOf(req, manager).registrations.update(req.params.id, req.params.registration_id, body)
    return { status: 200, body: { registration: staffRegistration(r) } }
  },
})
