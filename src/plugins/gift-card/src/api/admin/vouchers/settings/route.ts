import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import type VoucherService from "#services/voucher"
import { UpdateSettings } from "#validators"

/** GET /admin/vouchers/settings → `{ settings }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ settings: await req.scope.resolve<VoucherService>("voucherService").settings() })
}

/** POST /admin/vouchers/settings `{ validity?, validity_count?, time_zone? }`: applies to vouchers sold from now on. */
export const POST = adminMutation({
  body: UpdateSettings,
  handler: async (req, manager, body) => ({
    status: 200,
    body: { settings: await req.scope.resolve<VoucherService>("voucherService").withTransaction(manager).updateSettings(body) },
  }),
})
