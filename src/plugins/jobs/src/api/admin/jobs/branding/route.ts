import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import type BrandingService from "#services/branding"
import { updateBrandingSchema } from "#src/schemas"
import type { UpdateBrandingInput } from "#src/schemas"

/** GET /admin/jobs/branding → `{ branding }` */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ branding: await req.scope.resolve<BrandingService>("brandingService").retrieve() })
}

/** POST /admin/jobs/branding `{ sender_name?, logo?, primary_color?, … }` → `{ branding }`; 400 and nothing changed for any invalid field. */
export const POST = adminMutation({
  body: updateBrandingSchema,
  handler: async (req, manager) => ({
    status: 200,
    // The service parses the raw body itself (the schema's transforms run once, on the caller's input).
    body: { branding: await req.scope.resolve<BrandingService>("brandingService").withTransaction(manager).update(req.body as UpdateBrandingInput) },
  }),
})
