import { DomainError } from "@customer-modules/core"
import { publicRoute } from "@customer-modules/pos"


import type ReservationService from "../../../services/reservation"
import { SlotUnavailable, toPublic } from "../../../services/reservation"
import { PublicBooking } from "../../../validators"

/** A person needs longer than this to fill in the booking form; a bot that posts at once is refused. */
const MIN_FORM_MS = 1500

/**
 * POST /store/reservations `{ location_id, starts_at, party_size, name, email, phone?, note?, newsletter?, locale? }` →
 * 201 `{ reservation: { id, status, starts_at, ends_at, party_size, table_ids } }` and a confirmation mail with a cancel
 * link. 409 `slot_unavailable` (with `alternatives`) when nothing is free; 422 for a rule.
 * Spam defence: per-IP limit, a honeypot field (`website`) and a time trap (`form_ms`).
 */
export const POST = publicRoute({
  body: PublicBooking,
  limit: { points: 120, duration_s: 60 },
  handler: async (req, manager, { body }) => {
    if (body.website || (body.form_ms !== undefined && body.form_ms < MIN_FORM_MS)) {
      throw new DomainError("invalid_request", "The form was sent too quickly; please try again", 400)
    }
    const { website: _w, form_ms: _f, ...input } = body
    void _w
    void _f
    try {
      const { reservation } = await req.scope.resolve<ReservationService>("reservationService").withTransaction(manager).book(input, "online", "online")
      return { status: 201, body: { reservation: toPublic(reservation) } }
    } catch (e) {
      // The nearest other times go with the 409 (the booking left nothing behind, so answering commits nothing).
      if (e instanceof SlotUnavailable) {
        return { status: 409, body: { type: e.type, message: e.message, alternatives: e.alternatives } }
      }
      throw e
    }
  },
})
