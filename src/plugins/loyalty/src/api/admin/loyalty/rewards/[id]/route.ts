import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import { z } from "zod"

import { adminMutation } from "@customer-modules/core"

import type LoyaltyRewardService from "#services/loyalty-reward"
import { UpdateReward } from "#validators"

/** GET /admin/loyalty/rewards/:id → `{ reward }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ reward: await req.scope.resolve<LoyaltyRewardService>("loyaltyRewardService").retrieveReward(req.params.id) })
}

/** POST /admin/loyalty/rewards/:id `{ title?, points?, active? }` → `{ reward }`. */
export const POST = adminMutation({
  body: UpdateReward,
  handler: async (req, manager, body) => {
    return { status: 200, body: { reward: await req.scope.resolve<LoyaltyRewardService>("loyaltyRewardService").withTransaction(manager).updateReward(req.params.id, body) } }
  },
})

/** DELETE /admin/loyalty/rewards/:id → `{ reward }`: withdraws it (kept for the history, `active: false`). */
export const DELETE = adminMutation({
  body: z.object({}).strict(),
  handler: async (req, manager) => {
    return { status: 200, body: { reward: await req.scope.resolve<LoyaltyRewardService>("loyaltyRewardService").withTransaction(manager).updateReward(req.params.id, { active: false }) } }
  },
})
