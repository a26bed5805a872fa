import { adminMutation } from "@customer-modules/core"

import type VoucherShopService from "#services/voucher-shop"
import { UpdateShopProduct } from "#validators"

/** POST /admin/voucher-shop/products/:id `{ title?, amount?, position?, active? }` → `{ product }`. */
export const POST = adminMutation({
  body: UpdateShopProduct,
  handler: async (req, manager, body) => ({
    status: 200,
    body: { product: await req.scope.resolve<VoucherShopService>("voucherShopService").withTransaction(manager).updateProduct(req.params.id, body) },
  }),
})
