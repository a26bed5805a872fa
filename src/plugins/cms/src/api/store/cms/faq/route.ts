import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import { localeOf, sendPublic } from "#api/public"
import type CmsService from "#services/cms"
import { PublicQuery } from "#validators"

/** GET /store/cms/faq?locale=&category=&format=json|html → `{ faq }` in the merchant's order, or the HTML fragment. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const q = parseBody(PublicQuery.omit({ location_id: true }), req.query)
  const answer = await req.scope.resolve<CmsService>("cmsService").publicFaq({ locale: localeOf(req, q.locale), category: q.category })
  if (!q.locale) {
    res.vary("Accept-Language")
  }
  sendPublic(req, res, answer, q.format ?? "json")
}
