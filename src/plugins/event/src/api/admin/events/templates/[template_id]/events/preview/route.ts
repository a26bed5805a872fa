import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import { servicesOf } from "#utils/services"
import { CreateFromTemplate } from "#validators"

/**
 * POST /admin/events/templates/:template_id/events/preview (the body of `…/events`) → 200
 * `{ venue, dates: [{ local_start, local_end, starts_at, ends_at }] }`: the dates a series would
 * get, in the venue's zone, written nowhere.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(CreateFromTemplate, req.body)
  res.json(await servicesOf(req).events.previewFromTemplate(req.params.template_id, body))
}
