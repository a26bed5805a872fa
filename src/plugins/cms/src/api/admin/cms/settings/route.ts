import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { cms, cmsMutation } from "#api/cms-mutation"
import { UpdateSettings } from "#validators"

/** GET /admin/cms/settings → `{ settings: { allowed_origins, time_zone } }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ settings: await cms(req).settings() })
}

/** POST /admin/cms/settings `{ allowed_origins?, time_zone? }` → `{ settings }`. */
export const POST = cmsMutation({
  body: UpdateSettings,
  handler: async (req, tx, body) => ({ status: 200, body: { settings: await cms(req, tx).updateSettings(body) } }),
})
