import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import type DebtorSettingsService from "#services/debtor-settings"
import { LocationSettings } from "#validators"

/** GET /admin/debtor-locations/:location_id → `{ settings: { number_prefix } }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const number_prefix = await req.scope.resolve<DebtorSettingsService>("debtorSettingsService").locationPrefix(req.params.location_id)
  res.json({ settings: { number_prefix } })
}

/**
 * POST /admin/debtor-locations/:location_id `{ number_prefix }` → `{ settings }`:
 * the location numbers its invoices in a range of its own (`RE-<prefix>-2026-00001`),
 * counted per year like the shared one; null returns it to the shared range.
 */
export const POST = adminMutation({
  body: LocationSettings,
  handler: async (req, manager, body) => {
    const number_prefix = await req.scope.resolve<DebtorSettingsService>("debtorSettingsService").withTransaction(manager).setLocationPrefix(req.params.location_id, body.number_prefix)
    return { status: 200, body: { settings: { number_prefix } } }
  },
})
