import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { DomainError, parseBody } from "@customer-modules/core"

import type LoyaltyService from "#services/loyalty"
import type LoyaltyAnalysisService from "#services/loyalty-analysis"
import { Consent, PageQuery } from "#validators"

/** GET /store/loyalty/me → `{ cards, points, transactions, count, visits }` of the signed-in customer. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const customerId = customerIdOf(req)
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

/** POST /store/loyalty/me `{ marketing_consent }` → `{ marketing_consent }`: the customer's own choice. */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const customerId = customerIdOf(req)
  const body = parseBody(Consent, req.body)
  res.json(await req.scope.resolve<LoyaltyAnalysisService>("loyaltyAnalysisService").setConsent(customerId, body.marketing_consent))
}

function customerIdOf(req: MedusaRequest): string {
  const id = (req.user as { customer_id?: string } | undefined)?.customer_id
  if (!id) {
    throw new DomainError("unauthorized", "Sign in as a customer", 401)
  }
  return id
}
