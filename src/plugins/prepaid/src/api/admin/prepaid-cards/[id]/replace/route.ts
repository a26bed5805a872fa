import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { parseBody } from "@customer-modules/core"

import type PrepaidCardService from "../../../../../services/prepaid-card"
import { ReplaceCard } from "../../../../../validators"

/**
 * POST /admin/prepaid-cards/:id/replace `{ code? }` → 201 `{ prepaid_card, replaced }`:
 * a new card on the same account (balance, history, limit kept); the old card
 * is blocked for good. 409 `card_replaced` when it was replaced already.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(ReplaceCard, req.body)
  const manager = req.scope.resolve<EntityManager>("manager")
  const result = await manager.transaction((tx) =>
    req.scope.resolve<PrepaidCardService>("prepaidCardService").withTransaction(tx).replace(req.params.id, body)
  )
  res.status(201).json(result)
}
