import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import type DebtorSettingsService from "#services/debtor-settings"
import { CustomerSettings } from "#validators"

/** GET /admin/debtor-customers/:customer_id → `{ settings: { payment_terms_days, monthly_statement, address_lines } }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const settings = await req.scope.resolve<DebtorSettingsService>("debtorSettingsService").settings(req.params.customer_id)
  res.json({ settings })
}

/** POST /admin/debtor-customers/:customer_id `{ payment_terms_days?, monthly_statement?, address_lines? }` → `{ settings }`. */
export const POST = adminMutation({
  body: CustomerSettings,
  handler: async (req, manager, body) => {
    const settings = await req.scope.resolve<DebtorSettingsService>("debtorSettingsService").withTransaction(manager).updateSettings(req.params.customer_id, body)
    return { status: 200, body: { settings } }
  },
})
