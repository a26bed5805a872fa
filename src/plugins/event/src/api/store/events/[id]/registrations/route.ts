import { publicRoute } from "@customer-modules/pos"

import { publicRegistration } from "#services/event-registration"
import { cancelTokens, cancelUrl } from "#utils/links"
import { publicUrl, servicesOf } from "#utils/services"
import { Register } from "#validators"

/** Registrations one client address may make per minute. */
export const REGISTRATIONS_PER_MINUTE = 20

/**
 * POST /store/events/:id/registrations `{ name, email, quantity?, phone?, lines?, participants?, answers?, note?, locale?, pay_online? }`
 * → 201 `{ registration }` (`confirmed`, `waitlisted`, or `held` while paying online); 409 `sold_out` when full without a
 * waiting list. Places are never given twice (the event's row is locked while its places are counted).
 */
export const POST = publicRoute({
  body: Register,
  limit: { points: REGISTRATIONS_PER_MINUTE, duration_s: 60 },
  handler: async (req, manager, { body }) => {
    const r = await servicesOf(req, manager).registrations.register(req.params.id, body, "web")
    const token = cancelTokens(req).sign(r.id)
    return {
      status: 201,
      body: { registration: { ...publicRegistration(r), cancel_url: cancelUrl(publicUrl(req), r.id, token, r.locale) } },
    }
  },
})
