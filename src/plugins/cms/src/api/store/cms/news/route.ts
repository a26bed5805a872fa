import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import { localeOf, sendPublic } from "#api/public"
import type CmsService from "#services/cms"
import { PublicQuery } from "#validators"

/** GET /store/cms/news?locale=&location_id=&format=json|html → `{ news }` valid now, or the HTML fragment. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const q = parseBody(PublicQuery.omit({ category: true }), req.query)
  const answer = await req.scope.resolve<CmsService>("cmsService").publicNews({ locale: localeOf(req, q.locale), location_id: q.location_id })
  if (!q.locale) {
    res.vary("Accept-Language")
  }
  sendPublic(req, res, answer, q.format ?? "json")
}
