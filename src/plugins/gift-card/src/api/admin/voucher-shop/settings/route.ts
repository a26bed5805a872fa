import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import type VoucherShopService from "#services/voucher-shop"
import { UpdateShopSettings } from "#validators"

/** GET /admin/voucher-shop/settings → `{ settings }` (with the voucher validity and time zone of `/admin/vouchers/settings`). */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ settings: await req.scope.resolve<VoucherShopService>("voucherShopService").settings() })
}

/** POST /admin/voucher-shop/settings `{ enabled?, currency_code?, free_amount?, min_amount?, max_amount?, preset_amounts?, postal_enabled?, postal_fee?, send_hour?, top_up_min?, top_up_max?, texts? }` → `{ settings }`. */
export const POST = adminMutation({
  body: UpdateShopSettings,
  handler: async (req, manager, body) => ({
    status: 200,
    body: { settings: await req.scope.resolve<VoucherShopService>("voucherShopService").withTransaction(manager).updateSettings(body) },
  }),
})
