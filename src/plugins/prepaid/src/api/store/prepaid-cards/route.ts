import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { customerIdOf } from "@customer-modules/core"

import type PrepaidCardService from "#services/prepaid-card"

/** GET /store/prepaid-cards → `{ prepaid_cards }`: the signed-in customer's cards with their balances. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<PrepaidCardService>("prepaidCardService")
  const cards = await service.listForCustomer(customerIdOf(req))
  res.json({ prepaid_cards: cards.map(({ account_id: _a, account_status: _s, ...card }) => card) })
}
