import { DomainError } from "@customer-modules/core"
import { publicRoute } from "@customer-modules/pos"

import { publicRegistration } from "#services/event-registration"
import { cancelTokens } from "#utils/links"
import { servicesOf } from "#utils/services"
import { TokenBody } from "#validators"

/** POST /store/events/registrations/:id/cancel `{ token }` → 200 `{ registration }`; 403 `invalid_token`. The freed places go to the waiting list in order. */
export const POST = publicRoute({
  body: TokenBody,
  limit: { points: 30, duration_s: 60 },
  handler: async (req, manager, { body }) => {
    if (!cancelTokens(req).verify(req.params.id, body.token)) {
      throw new DomainError("invalid_token", "This link is not valid", 403)
    }
    const r = await servicesOf(req, manager).registrations.cancel(req.params.id, "guest")
    return { status: 200, body: { registration: publicRegistration(r) } }
  },
})
