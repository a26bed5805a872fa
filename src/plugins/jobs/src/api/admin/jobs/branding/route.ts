import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import type BrandingService from "#services/branding"
import type { UpdateBrandingInput } from "#src/schemas"

/** GET /admin/jobs/branding → `{ branding }` */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ branding: await req.scope.resolve<BrandingService>("brandingService").retrieve() })
}

/** POST /admin/jobs/branding `{ sender_name?, logo?, primary_color?, … }` → `{ branding }`; 400 and nothing changed for any invalid field. */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ branding: await req.scope.resolve<BrandingService>("brandingService").update(req.body as UpdateBrandingInput) })
}
