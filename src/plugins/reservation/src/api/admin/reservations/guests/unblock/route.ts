import { adminMutation, adminUserIdOf } from "@customer-modules/core"

import type ReservationService from "#services/reservation"
import { UnblockBody } from "#validators"

/** POST /admin/reservations/guests/unblock `{ email?, phone? }` → 200 `{ unblocked: true }`: earlier no-shows of this guest no longer count. */
export const POST = adminMutation({
  body: UnblockBody,
  handler: async (req, manager, body) => {
    await req.scope.resolve<ReservationService>("reservationService").withTransaction(manager).unblockGuest(body.email, body.phone, adminUserIdOf(req))
    return { status: 200, body: { unblocked: true } }
  },
})
