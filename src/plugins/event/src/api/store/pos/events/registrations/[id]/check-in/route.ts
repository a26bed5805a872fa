import { posRoute } from "@customer-modules/pos"

import { servicesOf } from "../../../../../../../utils/services"
import { staffRegistration } from "../../../../../../admin/events/[id]/registrations/route"

/** POST /store/pos/events/registrations/:id/check-in → 200 `{ registration }`: the scanned registration checked in at the door (scope `event`). */
export const POST = posRoute({
  scope: "event",
  handler: async (req, ctx) => {
    const { registrations } = servicesOf(req, ctx.manager)
    const r = await registrations.retrieve(req.params.id)
    return { status: 200, body: { registration: staffRegistration(await registrations.update(r.event_id, r.id, { checked_in: true })) } }
  },
})
