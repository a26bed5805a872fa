import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import { servicesOf } from "#utils/services"
import { CreateTemplate } from "#validators"

/** GET /admin/events/templates → `{ templates }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ templates: await servicesOf(req).events.listTemplates() })
}

/** POST /admin/events/templates → 201 `{ template }`. */
export const POST = adminMutation({
  body: CreateTemplate,
  handler: async (req, manager, body) => ({ status: 201, body: { template: await servicesOf(req, manager).events.createTemplate(body) } }),
})
