import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import { cms } from "#api/cms-mutation"
import { ItemPreview } from "#validators"

/**
 * GET /admin/cms/news/:id/preview[?locale=] → `{ html }`: the fragment of this one
 * item exactly as the website would show it, drafts and items outside their validity included.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { locale } = parseBody(ItemPreview, req.query)
  res.json({ html: await cms(req).previewNews(req.params.id, locale) })
}
