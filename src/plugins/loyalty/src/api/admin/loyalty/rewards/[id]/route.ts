import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type LoyaltyService from "../../../../../services/loyalty"
import { UpdateReward } from "../../../../../validators"

/** GET /admin/loyalty/rewards/:id → `{ reward }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ reward: await req.scope.resolve<LoyaltyService>("loyaltyService").retrieveReward(req.params.id) })
}

/** POST /admin/loyalty/rewards/:id `{ title?, points?, active? }` → `{ reward }`. */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(UpdateReward, req.body)
  res.json({ reward: await req.scope.resolve<LoyaltyService>("loyaltyService").updateReward(req.params.id, body) })
}

/** DELETE /admin/loyalty/rewards/:id → `{ reward }`: withdraws it (kept for the history, `active: false`). */
export async function DELETE(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ reward: await req.scope.resolve<LoyaltyService>("loyaltyService").updateReward(req.params.id, { active: false }) })
}
