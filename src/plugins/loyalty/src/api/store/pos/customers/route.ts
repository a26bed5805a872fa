import { parseBody } from "@customer-modules/core"
import { posRoute } from "@customer-modules/pos"

import type LoyaltyService from "../../../../services/loyalty"
import { RegisterCustomer, SearchCustomers } from "../../../../validators"

/**
 * POST /store/pos/customers `{ first_name, last_name, email?, phone?, birthday?, card_code?, marketing_consent? }`
 * → 201 `{ customer, card }`: registers a customer at the till and issues a
 * generated card or binds the scanned code (an inactive pre-printed customer
 * card is activated). 409 `code_taken`, 409 `already_member`.
 */
export const POST = posRoute({
  scope: "loyalty",
  body: RegisterCustomer,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<LoyaltyService>("loyaltyService").withTransaction(ctx.manager)
    return { status: 201, body: await service.register(body, ctx.tx) }
  },
})

/** GET /store/pos/customers?q=&limit=&offset= → `{ customers, count, limit, offset }`: members by name, e-mail or phone. */
export const GET = posRoute({
  scope: "loyalty",
  handler: async (req, ctx) => {
    const query = parseBody(SearchCustomers, req.query)
    const service = req.scope.resolve<LoyaltyService>("loyaltyService").withTransaction(ctx.manager)
    const { customers, count } = await service.search(query.q, { ...query, members_only: true })
    return { status: 200, body: { customers, count, limit: query.limit ?? 20, offset: query.offset ?? 0 } }
  },
})
