import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type PrepaidCardService from "#services/prepaid-card"
import { ListPrepaidCards } from "#validators"

/** GET /admin/prepaid-cards[?q=&status=&customer_id=&limit=&offset=] → `{ prepaid_cards, count, limit, offset }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { limit = 50, offset = 0, ...filter } = parseBody(ListPrepaidCards, req.query)
  const service = req.scope.resolve<PrepaidCardService>("prepaidCardService")
  const [prepaid_cards, count] = await service.listAndCount(filter, { limit, offset })
  res.json({ prepaid_cards, count, limit, offset })
}
