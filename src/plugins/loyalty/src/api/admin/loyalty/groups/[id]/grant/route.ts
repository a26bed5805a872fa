import { adminMutation } from "@customer-modules/core"

import type LoyaltyService from "#services/loyalty"
import { GroupGrant } from "#validators"

/**
 * POST /admin/loyalty/groups/:id/grant `{ points, reason, campaign }` →
 * `{ customers, granted }`: extra points for every customer of a Medusa
 * customer group, once per customer and campaign.
 */
export const POST = adminMutation({
  body: GroupGrant,
  handler: async (req, manager, body) => {
    return { status: 200, body: await req.scope.resolve<LoyaltyService>("loyaltyService").withTransaction(manager).grantToGroup(req.params.id, body.points, body) }
  },
})
