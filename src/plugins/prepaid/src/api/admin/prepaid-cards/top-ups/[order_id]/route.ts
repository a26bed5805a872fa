import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import type PrepaidCardService from "../../../../../services/prepaid-card"

/**
 * POST /admin/prepaid-cards/top-ups/:order_id → `{ credited }`: credits the
 * order's online top-ups if its payment is captured and they were not credited
 * yet (what the `order.payment_captured` subscriber does; for recovery after a
 * failure). Running it again credits nothing.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const manager = req.scope.resolve<EntityManager>("manager")
  const credited = await manager.transaction((tx) =>
    req.scope.resolve<PrepaidCardService>("prepaidCardService").withTransaction(tx).creditCapturedTopUps(req.params.order_id)
  )
  res.json({ credited })
}
