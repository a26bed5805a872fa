import { publicRoute } from "@customer-modules/pos"

import { etagOf, eventsFragment, notModified, publicEvent } from "#utils/present"
import { servicesOf, publicUrl } from "#utils/services"
import { ListEvents } from "#validators"

/** Seconds a site or proxy may keep the list: short, so "sold out" is never stale for long. */
export const CACHE_SECONDS = 30

/**
 * GET /store/events[?format=html&locale=&venue_id=&limit=] → `{ events }` (published events that have not
 * ended, soonest first) or the HTML fragment; both with ETag (If-None-Match → 304) and Cache-Control.
 */
export const GET = publicRoute({
  query: ListEvents,
  limit: { points: 600, duration_s: 60 },
  handler: async (req, _manager, { query }) => {
    const locale = query.locale ?? "de"
    const events = await servicesOf(req).events.listPublished({ limit: query.limit, venue_id: query.venue_id })
    const html = query.format === "html"
    const body = html ? eventsFragment(events, locale, publicUrl(req)) : JSON.stringify({ events: events.map((e) => publicEvent(e, locale)) })
    const etag = etagOf(body)
    const headers = {
      ETag: etag,
      "Cache-Control": `public, max-age=${CACHE_SECONDS}`,
      Vary: "Accept-Language",
      "Content-Type": html ? "text/html; charset=utf-8" : "application/json; charset=utf-8",
    }
    if (notModified(req.get("if-none-match"), etag)) {
      return { status: 304, body: null, headers }
    }
    return { status: 200, body, headers }
  },
})
