import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import { z } from "zod"

import { adminMutation } from "@customer-modules/core"

import { servicesOf } from "#utils/services"
import { UpdateTemplate } from "#validators"

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

/** DELETE /admin/events/templates/:template_id → 200 `{ id, deleted: true }` when no event was made from it, else 409 `template_in_use`. */
export const DELETE = adminMutation({
  body: z.object({}).strict(),
  handler: async (req, manager) => {
    await servicesOf(req, manager).events.deleteTemplate(req.params.template_id)
    return { status: 200, body: { id: req.params.template_id, deleted: true } }
  },
})
