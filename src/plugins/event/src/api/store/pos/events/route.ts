import { posRoute } from "@customer-modules/pos"

import { servicesOf } from "#utils/services"

/** GET /store/pos/events → `{ events }`: the published events that have not ended, with their places now (scope `event`). */
export const GET = posRoute({
  scope: "event",
  handler: async (req) => {
    const events = await servicesOf(req).events.listPublished({ limit: 100 })
    return {
      status: 200,
      body: {
        events: events.map((e) => ({
          id: e.id,
          title: e.title,
          starts_at: e.starts_at,
          ends_at: e.ends_at,
          local_start: e.local_start,
          time_zone: e.time_zone,
          venue: { name: e.venue.name },
          capacity: e.capacity,
          seats_left: e.seats_left,
          price: e.price,
          currency_code: e.currency_code,
          price_categories: e.price_categories,
          waitlist: e.waitlist,
        })),
      },
    }
  },
})
