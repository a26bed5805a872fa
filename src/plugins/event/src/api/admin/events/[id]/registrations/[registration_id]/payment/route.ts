import { adminMutation } from "@customer-modules/core"

import { servicesOf } from "#utils/services"
import { SetPayment } from "#validators"

import { staffRegistration } from "../../route"

/** POST /admin/events/:id/registrations/:registration_id/payment `{ status: "paid" | "unpaid" | "refunded", method? }` → 200 `{ registration }`. */
export const POST = adminMutation({
  body: SetPayment,
  requireKey: true,
  handler: async (req, manager, body) => {
    const r = await servicesOf(req, manager).registrations.setPayment(req.params.id, req.params.registration_id, body.status, body.method ?? null)
    return { status: 200, body: { registration: staffRegistration(r) } }
  },
})
