import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import type VoucherShopService from "#services/voucher-shop"
import { CreateShopProduct } from "#validators"

/** GET /admin/voucher-shop/products → `{ products }`: product vouchers ("Brunch for two"), also inactive ones. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ products: await req.scope.resolve<VoucherShopService>("voucherShopService").listProducts() })
}

/** POST /admin/voucher-shop/products `{ title: { de, en, pt }, amount, position?, active? }` → 201 `{ product }`: sold at `amount`, redeemed as that value. */
export const POST = adminMutation({
  body: CreateShopProduct,
  handler: async (req, manager, body) => ({
    status: 201,
    body: { product: await req.scope.resolve<VoucherShopService>("voucherShopService").withTransaction(manager).createProduct(body) },
  }),
})
