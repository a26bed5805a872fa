import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import { cms, cmsMutation } from "#api/cms-mutation"
import { AdminList, CreateFaq } from "#validators"

/** GET /admin/cms/faq[?status=&locale=] → `{ faq }` in the merchant's order. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { status, locale } = parseBody(AdminList, req.query)
  res.json({ faq: await cms(req).listFaq({ status, locale }) })
}

/** POST /admin/cms/faq `{ question, answer, category?, position?, locale?, status? }` → 201 `{ faq }` (without a position: last). */
export const POST = cmsMutation({
  body: CreateFaq,
  handler: async (req, tx, body) => ({ status: 201, body: { faq: await cms(req, tx).createFaq(body) } }),
})
