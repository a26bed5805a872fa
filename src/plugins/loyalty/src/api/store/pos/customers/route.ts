import { DomainError, parseBody } from "@customer-modules/core"
import { posRoute } from "@customer-modules/pos"

import type LoyaltyService from "#services/loyalty"
import { MAX_TILL_SEARCH, RegisterCustomer, TillSearchCustomers } from "#validators"

/**
 * POST /store/pos/customers `{ first_name, last_name, email?, phone?, birthday?, card_code?, marketing_consent? }`
 * → 201 `{ customer, card }`: registers a customer at the till and issues a
 * generated card or binds the scanned code (an inactive pre-printed customer
 * card is activated). 409 `code_taken`; 409 `customer_exists` when the e-mail
 * belongs to a customer already (nobody is attached without their card).
 */
export const POST = posRoute({
  scope: "loyalty",
  body: RegisterCustomer,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<LoyaltyService>("loyaltyService").withTransaction(ctx.manager)
    return { status: 201, body: await service.register(body, ctx.tx, { attach_existing: false }) }
  },
})

/**
 * GET /store/pos/customers?q= | ?name=&birthday= [&limit=] → `{ customers, count, limit }`:
 * a lookup, not a listing. `q` is a card code, an exact e-mail address or an
 * exact phone number; otherwise at least three characters of a name with the
 * birthday. At most 10 members, without birthdays and without card codes
 * other than the scanned one. Nothing found is 404, counted like a guessed
 * code (too many and the key waits, 429).
 */
export const GET = posRoute({
  scope: "loyalty",
  codeLookup: true,
  handler: async (req, ctx) => {
    const query = parseBody(TillSearchCustomers, req.query)
    const service = req.scope.resolve<LoyaltyService>("loyaltyService").withTransaction(ctx.manager)
    const { customers } = await service.findAtTill(query)
    if (!customers.length) {
      throw new DomainError("not_found", "No member matches this search", 404)
    }
    return { status: 200, body: { customers, count: customers.length, limit: query.limit ?? MAX_TILL_SEARCH } }
  },
})
