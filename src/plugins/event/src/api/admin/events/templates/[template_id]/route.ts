import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/pos"

import { servicesOf } from "../../../../../utils/services"
import { UpdateTemplate } from "../../../../../validators"

/** GET /admin/events/templates/:template_id → `{ template }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ template: await servicesOf(req).events.retrieveTemplate(req.params.template_id) })
}

/** POST /admin/events/templates/:template_id (fields to change) → 200 `{ template }`; dates made from it stay as they are. */
export const POST = adminMutation({
  body: UpdateTemplate,
  handler: async (req, manager, body) => ({
    status: 200,
    body: { template: await servicesOf(req, manager).events.updateTemplate(req.params.template_id, body) },
  }),
})
