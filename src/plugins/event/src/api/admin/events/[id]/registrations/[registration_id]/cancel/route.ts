import { z } from "zod"

import { adminMutation, DomainError } from "@customer-modules/core"

import { servicesOf } from "#utils/services"

import { staffRegistration } from "../../route"

/** POST /admin/events/:id/registrations/:registration_id/cancel → 200 `{ registration }`; the freed places go to the waiting list. */
export const POST = adminMutation({
  body: z.object({}).strict(),
  handler: async (req, manager) => {
    const { registrations } = servicesOf(req, manager)
    const found = await registrations.retrieve(req.params.registration_id)
    if (found.event_id !== req.params.id) {
      throw new DomainError("not_found", "No registration with this id for this event", 404)
    }
    return { status: 200, body: { registration: staffRegistration(await registrations.cancel(found.id, "staff")) } }
  },
})
