import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { parseBody } from "@customer-modules/core"

import type PrepaidCardService from "../../../../../services/prepaid-card"
import { StatusChange } from "../../../../../validators"

/** POST /admin/prepaid-cards/:id/block `{ reason? }` → `{ prepaid_card }`; doing it twice changes nothing. */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { reason } = parseBody(StatusChange, req.body)
  const manager = req.scope.resolve<EntityManager>("manager")
  const prepaid_card = await manager.transaction((tx) =>
    req.scope.resolve<PrepaidCardService>("prepaidCardService").withTransaction(tx).block(req.params.id, reason ?? null)
  )
  res.json({ prepaid_card })
}
