import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { customerIdOf, parseBody } from "@customer-modules/core"

import type PrepaidCardService from "#services/prepaid-card"
import { PageQuery } from "#validators"

/**
 * GET /store/prepaid-cards/:id/transactions[?limit=&offset=] → `{ transactions,
 * count, limit, offset }`, newest first; 404 for a card that is not the customer's.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { limit = 50, offset = 0 } = parseBody(PageQuery, req.query)
  const service = req.scope.resolve<PrepaidCardService>("prepaidCardService")
  const card = await service.retrieveForCustomer(customerIdOf(req), req.params.id)
  const [transactions, count] = await service.history(card.id, { limit, offset })
  res.json({
    transactions: transactions.map((t) => ({
      id: t.id,
      type: t.type,
      amount: t.amount,
      balance_after: t.balance_after,
      currency_code: t.currency_code,
      reference: t.reference,
      location_id: t.location_id,
      created_at: t.created_at,
    })),
    count,
    limit,
    offset,
  })
}
