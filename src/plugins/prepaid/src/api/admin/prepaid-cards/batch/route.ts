import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { parseBody } from "@customer-modules/core"

import type PrepaidCardService from "../../../../services/prepaid-card"
import { CreateBatch } from "../../../../validators"

/**
 * POST /admin/prepaid-cards/batch `{ currency_code, codes? | range_id + count }`
 * → 201 `{ prepaid_cards, count }`: pre-printed cards, inactive until a till
 * issues them. All or nothing (409 `code_taken` when any code is in use).
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(CreateBatch, req.body)
  const manager = req.scope.resolve<EntityManager>("manager")
  const prepaid_cards = await manager.transaction((tx) =>
    req.scope.resolve<PrepaidCardService>("prepaidCardService").withTransaction(tx).createBatch(body)
  )
  res.status(201).json({ prepaid_cards, count: prepaid_cards.length })
}
