import { createHash } from "crypto"

import { DomainError } from "@customer-modules/core"
import { publicRoute } from "@customer-modules/pos"
import type { PublicRateLimiterService } from "@customer-modules/pos"

import type ReservationService from "#services/reservation"
import { normaliseEmail, SlotUnavailable, toPublic } from "#services/reservation"
import { PublicBooking } from "#validators"

/** A person needs longer than this to fill in the booking form; a bot that posts at once is refused. */
const MIN_FORM_MS = 1500
/** Booking attempts per client IP and minute: a family books once, a bot is stopped at the sixth. */
const BOOKINGS_PER_IP_MINUTE = 5
/** Booking attempts per IP and hour (a few people behind one router, not a script). */
const BOOKINGS_PER_IP_HOUR = 20
/** Booking attempts per guest e-mail and day: each confirmed one mails that address, so nobody is mail-bombed through us. */
const BOOKINGS_PER_EMAIL_DAY = 5

/**
 * POST /store/reservations `{ location_id, starts_at, party_size, name, email, phone?, note?, newsletter?, locale? }` →
 * 201 `{ reservation: { id, status, starts_at, ends_at, party_size, table_ids } }` and a confirmation mail with a cancel
 * link. 409 `slot_unavailable` (with `alternatives`) when nothing is free; 422 for a rule.
 * Spam defence: 5 per minute and 20 per hour per IP, 5 a day per guest e-mail (429 `rate_limited` with Retry-After),
 * a honeypot field (`website`) and a time trap (`form_ms`).
 */
export const POST = publicRoute({
  body: PublicBooking,
  limit: { points: BOOKINGS_PER_IP_MINUTE, duration_s: 60 },
  handler: async (req, manager, { body }) => {
    if (body.website || (body.form_ms !== undefined && body.form_ms < MIN_FORM_MS)) {
      throw new DomainError("invalid_request", "The form was sent too quickly; please try again", 400)
    }
    const limiter = req.scope.resolve<PublicRateLimiterService>("publicRateLimiterService")
    // The e-mail counts as its hash: no guest address is written to Redis.
    const emailKey = createHash("sha256").update(normaliseEmail(body.email) ?? "").digest("base64url")
    const wait =
      (await limiter.consume("reservation-booking-ip-hour", req.ip ?? "unknown", { points: BOOKINGS_PER_IP_HOUR, duration_s: 3600 })) ??
      (await limiter.consume("reservation-booking-email-day", emailKey, { points: BOOKINGS_PER_EMAIL_DAY, duration_s: 24 * 3600 }))
    if (wait !== null) {
      req.res?.setHeader("Retry-After", String(wait))
      throw new DomainError("rate_limited", `Too many bookings; try again in ${wait} s`, 429)
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
