import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation, parseBody } from "@customer-modules/core"

import type PrepaidCardService from "#services/prepaid-card"
import { PageQuery, UpdatePrepaidCard } from "#validators"

/** GET /admin/prepaid-cards/:id[?limit=&offset=] → `{ prepaid_card, transactions, count, limit, offset }`, newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { limit = 50, offset = 0 } = parseBody(PageQuery, req.query)
  const service = req.scope.resolve<PrepaidCardService>("prepaidCardService")
  const prepaid_card = await service.retrieve(req.params.id)
  const [transactions, count] = await service.history(prepaid_card.id, { limit, offset })
  res.json({ prepaid_card, transactions, count, limit, offset })
}

/** POST /admin/prepaid-cards/:id `{ daily_limit?, customer_id? }` → `{ prepaid_card }` (null clears either). */
export const POST = adminMutation({
  body: UpdatePrepaidCard,
  handler: async (req, tx, body) => {
    const prepaid_card = await req.scope.resolve<PrepaidCardService>("prepaidCardService").withTransaction(tx).update(req.params.id, body)
    return { status: 200, body: { prepaid_card } }
  },
})
