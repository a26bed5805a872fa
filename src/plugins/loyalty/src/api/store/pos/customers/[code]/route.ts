import { posRoute } from "@customer-modules/pos"

import type LoyaltyService from "#services/loyalty"

/** GET /store/pos/customers/:code → `{ customer, card, points, visits }` for a scanned customer card. */
export const GET = posRoute({
  scope: "loyalty",
  codeLookup: true,
  handler: async (req, ctx) => {
    const service = req.scope.resolve<LoyaltyService>("loyaltyService").withTransaction(ctx.manager)
    return { status: 200, body: await service.lookup(req.params.code) }
  },
})
