import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import { cms } from "#api/cms-mutation"
import { ItemPreview } from "#validators"

/**
 * GET /admin/cms/faq/:id/preview[?locale=] → `{ html }`: the fragment of this one
 * entry exactly as the website would show it, drafts included.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { locale } = parseBody(ItemPreview, req.query)
  res.json({ html: await cms(req).previewFaq(req.params.id, locale) })
}
