import { z } from "zod"

import { adminMutation } from "@customer-modules/core"

import { servicesOf } from "#utils/services"

/** POST /admin/events/:id/cancel → 200 `{ event }`: the event and all its registrations are cancelled, every participant is told. */
export const POST = adminMutation({
  body: z.object({}).strict(),
  handler: async (req, manager) => ({ status: 200, body: { event: await servicesOf(req, manager).registrations.cancelEvent(req.params.id) } }),
})
