import { adminMutation } from "@customer-modules/core"

import type LoyaltyExtraPointsService from "#services/loyalty-extra-points"
import { GroupGrant } from "#validators"

/**
 * POST /admin/loyalty/groups/:id/grant `{ points, reason, campaign }` →
 * `{ customers, granted }`: extra points for every customer of a Medusa
 * customer group, once per customer and campaign.
 */
export const POST = adminMutation({
  body: GroupGrant,
  handler: async (req, manager, body) => {
    return { status: 200, body: await req.scope.resolve<LoyaltyExtraPointsService>("loyaltyExtraPointsService").withTransaction(manager).grantToGroup(req.params.id, body.points, body) }
  },
})
