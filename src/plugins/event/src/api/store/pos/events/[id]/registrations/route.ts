import { z } from "zod"

import { posRoute } from "@customer-modules/pos"

import { staffRegistration } from "#api/admin/events/[id]/registrations/route"
import { servicesOf } from "#utils/services"
import { RegisterByStaff } from "#validators"

/** At the till the guest usually pays there and then: `paid` with the tender as `method`. */
const TillRegistration = RegisterByStaff.extend({ method: z.enum(["cash", "card", "voucher", "other"]).optional() }).strict()

/**
 * POST /store/pos/events/:id/registrations `{ name, quantity?, lines?, email?, paid?, method? }` → 201 `{ registration }`
 * (scope `event`; idempotent by Idempotency-Key; 409 `sold_out` as online).
 */
export const POST = posRoute({
  scope: "event",
  body: TillRegistration,
  handler: async (req, ctx, body) => {
    const r = await servicesOf(req, ctx.manager).registrations.register(req.params.id, body, "pos")
    return { status: 201, body: { registration: staffRegistration(r) } }
  },
})
