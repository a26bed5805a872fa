import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import type VoucherShopService from "#services/voucher-shop"
import { CreateShopDesign } from "#validators"

/** GET /admin/voucher-shop/designs → `{ designs }` (also inactive ones). */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ designs: await req.scope.resolve<VoucherShopService>("voucherShopService").listDesigns() })
}

/** POST /admin/voucher-shop/designs `{ name, image (PNG/JPEG data URI), position?, active? }` → 201 `{ design }`. */
export const POST = adminMutation({
  body: CreateShopDesign,
  handler: async (req, manager, body) => ({
    status: 201,
    body: { design: await req.scope.resolve<VoucherShopService>("voucherShopService").withTransaction(manager).createDesign(body) },
  }),
})
