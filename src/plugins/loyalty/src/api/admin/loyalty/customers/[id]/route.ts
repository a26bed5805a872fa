import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type LoyaltyService from "#services/loyalty"
import { PageQuery } from "#validators"

/** GET /admin/loyalty/customers/:id → `{ customer, points, cards, transactions, count, visits }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const page = parseBody(PageQuery, req.query)
  res.json(await req.scope.resolve<LoyaltyService>("loyaltyService").overview(req.params.id, page))
}
