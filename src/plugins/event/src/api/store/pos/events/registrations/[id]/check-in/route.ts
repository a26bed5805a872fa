import { posRoute } from "@customer-modules/pos"

import { staffRegistration } from "#api/admin/events/[id]/registrations/route"
import { servicesOf } from "#utils/services"

/**
 * POST /store/pos/events/registrations/:id/check-in → 200 `{ registration }`: the scanned
 * registration (the code on its confirmation) checked in at the door, once; a second scan
 * answers 409 `already_checked_in` (scope `event`).
 */
export const POST = posRoute({
  scope: "event",
  handler: async (req, ctx) => {
    const r = await servicesOf(req, ctx.manager).registrations.checkIn(req.params.id)
    return { status: 200, body: { registration: staffRegistration(r) } }
  },
})
