import { adminMutation } from "@customer-modules/core"

import type VoucherShopService from "#services/voucher-shop"
import { UpdateShopDesign } from "#validators"

/** POST /admin/voucher-shop/designs/:id `{ name?, image?, position?, active? }` → `{ design }`; `active: false` takes it out of the shop. */
export const POST = adminMutation({
  body: UpdateShopDesign,
  handler: async (req, manager, body) => ({
    status: 200,
    body: { design: await req.scope.resolve<VoucherShopService>("voucherShopService").withTransaction(manager).updateDesign(req.params.id, body) },
  }),
})
