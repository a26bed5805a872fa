import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { DomainError, adminUserIdOf, parseBody } from "@customer-modules/core"

import type PrepaidCardService from "../../../../../services/prepaid-card"
import { AdminTopUp } from "../../../../../validators"

const MAX_KEY_LENGTH = 120

/**
 * POST /admin/prepaid-cards/:id/top-up `{ amount, reason }` with an
 * `Idempotency-Key` header → `{ prepaid_card, transaction }`: an adjustment
 * credit. The same key again returns the first credit and changes nothing.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(AdminTopUp, req.body)
  const key = (req.get("idempotency-key") ?? "").trim()
  if (!key || key.length > MAX_KEY_LENGTH) {
    throw new DomainError("idempotency_key_missing", `Send an Idempotency-Key header (1 to ${MAX_KEY_LENGTH} characters)`, 400)
  }
  const manager = req.scope.resolve<EntityManager>("manager")
  const result = await manager.transaction((tx) =>
    req.scope
      .resolve<PrepaidCardService>("prepaidCardService")
      .withTransaction(tx)
      .adjust(req.params.id, body.amount, { reason: body.reason, user_id: adminUserIdOf(req), idempotency_key: key })
  )
  res.json(result)
}
