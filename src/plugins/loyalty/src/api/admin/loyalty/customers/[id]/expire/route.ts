import { adminMutation } from "@customer-modules/core"

import type LoyaltyExpiryService from "#services/loyalty-expiry"
import { ExpireRun } from "#validators"

/**
 * POST /admin/loyalty/customers/:id/expire `{ now? }` → `{ expired, announced }`: runs
 * the expiry policy for one customer (what the nightly schedule does for all).
 */
export const POST = adminMutation({
  body: ExpireRun,
  handler: async (req, manager, body) => {
    return { status: 200, body: await req.scope.resolve<LoyaltyExpiryService>("loyaltyExpiryService").withTransaction(manager).runForCustomer(req.params.id, body.now) }
  },
})
