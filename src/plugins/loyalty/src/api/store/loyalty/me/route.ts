import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { DomainError, parseBody } from "@customer-modules/core"

import type LoyaltyService from "../../../../services/loyalty"
import { PageQuery } from "../../../../validators"

/** GET /store/loyalty/me → `{ cards, points, transactions, count, visits }` of the signed-in customer. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const customerId = (req.user as { customer_id?: string } | undefined)?.customer_id
  if (!customerId) {
    throw new DomainError("unauthorized", "Sign in as a customer", 401)
  }
  const page = parseBody(PageQuery, req.query)
  const overview = await req.scope.resolve<LoyaltyService>("loyaltyService").overview(customerId, page)
  res.json({
    cards: overview.cards.map((c) => ({ code: c.code, status: c.status })),
    points: overview.points,
    transactions: overview.transactions.map((t) => ({ id: t.id, type: t.type, amount: t.amount, balance_after: t.balance_after, reference: t.reference, created_at: t.created_at })),
    count: overview.count,
    visits: overview.visits,
  })
}
