import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type LoyaltyService from "../../../../../../services/loyalty"
import { GroupGrant } from "../../../../../../validators"

/**
 * POST /admin/loyalty/groups/:id/grant `{ points, reason, campaign }` →
 * `{ customers, granted }`: extra points for every customer of a Medusa
 * customer group, once per customer and campaign.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(GroupGrant, req.body)
  res.json(await req.scope.resolve<LoyaltyService>("loyaltyService").grantToGroup(req.params.id, body.points, body))
}
