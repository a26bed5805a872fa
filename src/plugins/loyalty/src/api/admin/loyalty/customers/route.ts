import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type LoyaltyService from "../../../../services/loyalty"
import { SearchCustomers } from "../../../../validators"

/** GET /admin/loyalty/customers?q=&limit=&offset= → `{ customers, count }` with points and cards. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(SearchCustomers, req.query)
  const result = await req.scope.resolve<LoyaltyService>("loyaltyService").search(query.q, query)
  res.json({ ...result, limit: query.limit ?? 20, offset: query.offset ?? 0 })
}
