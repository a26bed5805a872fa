import { adminMutation } from "@customer-modules/core"

import type VoucherShopService from "#services/voucher-shop"
import { EmptyBody } from "#validators"

/** POST /admin/voucher-shop/sales/:id/posted `{}` → `{ sale }` marked posted (once; again changes nothing). */
export const POST = adminMutation({
  body: EmptyBody,
  handler: async (req, manager) => ({
    status: 200,
    body: { sale: await req.scope.resolve<VoucherShopService>("voucherShopService").withTransaction(manager).markPosted(req.params.id) },
  }),
})
