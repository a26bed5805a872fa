import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type LoyaltyExpiryService from "../../../../../../services/loyalty-expiry"
import { ExpireRun } from "../../../../../../validators"

/**
 * POST /admin/loyalty/customers/:id/expire `{ now? }` → `{ expired, announced }`: runs
 * the expiry policy for one customer (what the nightly schedule does for all).
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(ExpireRun, req.body)
  res.json(await req.scope.resolve<LoyaltyExpiryService>("loyaltyExpiryService").runForCustomer(req.params.id, body.now))
}
