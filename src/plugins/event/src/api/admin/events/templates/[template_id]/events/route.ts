import { adminMutation } from "@customer-modules/core"

import { servicesOf } from "#utils/services"
import { CreateFromTemplate } from "#validators"

/**
 * POST /admin/events/templates/:template_id/events `{ time: "HH:MM", dates: [..] | weekly: { weekdays, from, until },
 * venue_id?, published?, capacity? }` → 201 `{ events }`: one date or a series, each its own event.
 */
export const POST = adminMutation({
  body: CreateFromTemplate,
  handler: async (req, manager, body) => ({
    status: 201,
    body: { events: await servicesOf(req, manager).events.createFromTemplate(req.params.template_id, body) },
  }),
})
