import { z } from "zod"

import { publicRoute } from "@customer-modules/pos"

import { texts } from "#utils/i18n"
import { eventsFeed } from "#utils/ics"
import { etagOf, notModified } from "#utils/present"
import { publicUrl, servicesOf } from "#utils/services"
import { LOCALES } from "#validators"

/** GET /store/events/ical → `text/calendar`: the published events that have not ended (subscribe in a calendar app). */
export const GET = publicRoute({
  query: z.object({ locale: z.enum(LOCALES).optional() }).strict(),
  limit: { points: 120, duration_s: 60 },
  handler: async (req, _manager, { query }) => {
    const events = await servicesOf(req).events.listPublished({ limit: 200 })
    const body = eventsFeed(events, texts(query.locale).events, publicUrl(req))
    const etag = etagOf(body.replace(/^DTSTAMP:.*$/gm, ""))
    const headers = { "Content-Type": "text/calendar; charset=utf-8", ETag: etag, "Cache-Control": "public, max-age=300" }
    return notModified(req.get("if-none-match"), etag) ? { status: 304, body: null, headers } : { status: 200, body, headers }
  },
})
