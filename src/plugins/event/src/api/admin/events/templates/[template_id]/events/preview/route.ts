import { adminMutation } from "@customer-modules/core"

import { servicesOf } from "#utils/services"
import { CreateFromTemplate } from "#validators"

/**
 * POST /admin/events/templates/:template_id/events/preview (the body of `…/events`) → 200
 * `{ venue, dates: [{ local_start, local_end, starts_at, ends_at }] }`: the dates a series would
 * get, in the venue's zone, written nowhere (a read: it does not take the wrapper's `manager`, decision 134).
 */
export const POST = adminMutation({
  ownTransactions: true,
  body: CreateFromTemplate,
  handler: async (req, _manager, body) => ({
    status: 200,
    body: await servicesOf(req).events.previewFromTemplate(req.params.template_id, body),
  }),
})
