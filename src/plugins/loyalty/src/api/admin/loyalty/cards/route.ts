import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type LoyaltyService from "../../../../services/loyalty"
import { CreateCards } from "../../../../validators"

/**
 * POST /admin/loyalty/cards `{ codes }` or `{ range_id, count }` → 201 `{ cards }`:
 * pre-printed customer cards, inactive until a till registers a customer with one.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(CreateCards, req.body)
  res.status(201).json({ cards: await req.scope.resolve<LoyaltyService>("loyaltyService").createCards(body) })
}
