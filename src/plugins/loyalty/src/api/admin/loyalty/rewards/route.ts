import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type LoyaltyService from "../../../../services/loyalty"
import { CreateReward } from "../../../../validators"

/** GET /admin/loyalty/rewards → `{ rewards }` (offered and withdrawn). */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ rewards: await req.scope.resolve<LoyaltyService>("loyaltyService").listRewards() })
}

/**
 * POST /admin/loyalty/rewards `{ title, points, kind: "product_variant", variant_id }`
 * or `{ title, points, kind: "discount", discount_amount, currency_code }` → 201 `{ reward }`.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(CreateReward, req.body)
  res.status(201).json({ reward: await req.scope.resolve<LoyaltyService>("loyaltyService").createReward(body) })
}
