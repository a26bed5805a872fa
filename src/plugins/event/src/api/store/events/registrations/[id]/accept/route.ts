import { DomainError } from "@customer-modules/core"
import { publicRoute } from "@customer-modules/pos"

import { publicRegistration } from "#services/event-registration"
import { acceptTokens } from "#utils/links"
import { servicesOf } from "#utils/services"
import { TokenBody } from "#validators"

/** POST /store/events/registrations/:id/accept `{ token }` → 200 `{ registration }` (a waiting-list offer taken); 403 `invalid_token`, 409 `offer_expired`. */
export const POST = publicRoute({
  body: TokenBody,
  limit: { points: 30, duration_s: 60 },
  handler: async (req, manager, { body }) => {
    if (!acceptTokens(req).verify(req.params.id, body.token)) {
      throw new DomainError("invalid_token", "This link is not valid", 403)
    }
    const r = await servicesOf(req, manager).registrations.acceptOffer(req.params.id)
    return { status: 200, body: { registration: publicRegistration(r) } }
  },
})
