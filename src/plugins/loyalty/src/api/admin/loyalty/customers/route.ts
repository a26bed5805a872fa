import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation, parseBody } from "@customer-modules/core"

import type LoyaltyService from "#services/loyalty"
import { RegisterCustomer, SearchCustomers } from "#validators"

/** GET /admin/loyalty/customers?q=&limit=&offset= → `{ customers, count }` with points and cards. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(SearchCustomers, req.query)
  const result = await req.scope.resolve<LoyaltyService>("loyaltyService").search(query.q, query)
  res.json({ ...result, limit: query.limit ?? 20, offset: query.offset ?? 0 })
}

/**
 * POST /admin/loyalty/customers `{ first_name, last_name, email?, phone?, birthday?, card_code?, marketing_consent? }`
 * → 201 `{ customer, card }`: registers a customer in the back office, as a till does.
 */
export const POST = adminMutation({
  body: RegisterCustomer,
  handler: async (req, manager, body) => {
    // The back office may enrol a customer who already exists (a web shopper, a guest).
    return { status: 201, body: await req.scope.resolve<LoyaltyService>("loyaltyService").withTransaction(manager).register(body, {}, { attach_existing: true }) }
  },
})
