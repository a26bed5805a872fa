import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import type LoyaltyService from "#services/loyalty"
import { UpdateSettings } from "#validators"

/** GET /admin/loyalty/settings → `{ settings }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ settings: await req.scope.resolve<LoyaltyService>("loyaltyService").settings() })
}

/**
 * POST /admin/loyalty/settings `{ points_per_unit?, unit_minor?, rounding?, min_spend_minor?,
 * redemption_cap_points?, excluded_product_ids?, excluded_category_ids?, location_rates?,
 * birthday_points?, birthday_message?, time_zone? }` → `{ settings }`: applies to sales from now on.
 */
export const POST = adminMutation({
  body: UpdateSettings,
  handler: async (req, manager, body) => {
    return { status: 200, body: { settings: await req.scope.resolve<LoyaltyService>("loyaltyService").withTransaction(manager).updateSettings(body) } }
  },
})
