import { z } from "zod"

import { publicRoute } from "@customer-modules/pos"

import { publicEvent } from "#utils/present"
import { servicesOf } from "#utils/services"
import { LOCALES } from "#validators"

/** GET /store/events/:id[?locale=] → `{ event }` (a published event; its places as they are now). */
export const GET = publicRoute({
  query: z.object({ locale: z.enum(LOCALES).optional() }).strict(),
  limit: { points: 600, duration_s: 60 },
  handler: async (req, _manager, { query }) => {
    const event = await servicesOf(req).events.retrievePublished(req.params.id)
    return { status: 200, body: { event: publicEvent(event, query.locale ?? "de") }, headers: { "Cache-Control": "no-store" } }
  },
})
