import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { customerIdOf, parseBody } from "@customer-modules/core"

import type PrepaidCardService from "#services/prepaid-card"
import { TopUpCart } from "#validators"

/**
 * POST /store/prepaid-cards/:id/top-up-cart `{ amount }` → 201 `{ cart_id }`: a
 * cart holding a top-up of the customer's card, to pay through the usual
 * checkout (payment sessions, complete). The card is credited only when the
 * order's payment is captured.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { amount } = parseBody(TopUpCart, req.body)
  const customerId = customerIdOf(req)
  const manager = req.scope.resolve<EntityManager>("manager")
  const result = await manager.transaction((tx) =>
    req.scope.resolve<PrepaidCardService>("prepaidCardService").withTransaction(tx).createTopUpCart(customerId, req.params.id, amount)
  )
  res.status(201).json(result)
}
