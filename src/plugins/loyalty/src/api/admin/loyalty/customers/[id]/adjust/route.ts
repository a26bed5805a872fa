import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type LoyaltyService from "../../../../../../services/loyalty"
import { Adjust } from "../../../../../../validators"

/**
 * POST /admin/loyalty/customers/:id/adjust `{ points, reason }` → `{ points, transaction }`:
 * grants (positive) or deducts (negative) extra points. With an Idempotency-Key
 * header a repeated click changes nothing. 409 `insufficient_points`.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(Adjust, req.body)
  const user = req.user as { userId?: string; id?: string } | undefined
  const key = (req.get("idempotency-key") ?? "").trim().slice(0, 120) || null
  const result = await req.scope
    .resolve<LoyaltyService>("loyaltyService")
    .adjust(req.params.id, body.points, { reason: body.reason, user_id: user?.userId ?? user?.id ?? null, key })
  res.json(result)
}
