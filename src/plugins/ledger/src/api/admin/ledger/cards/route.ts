import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type CardService from "#services/card"
import { ListCards } from "#validators"

/** GET /admin/ledger/cards[?q=&kind=&status=&customer_id=&limit=&offset=] → `{ cards, count, limit, offset }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { limit = 50, offset = 0, ...filter } = parseBody(ListCards, req.query)
  const service = req.scope.resolve<CardService>("cardService")
  const [cards, count] = await service.listAndCount(filter, { limit, offset })
  res.json({ cards, count, limit, offset })
}
