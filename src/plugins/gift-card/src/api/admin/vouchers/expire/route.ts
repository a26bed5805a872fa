import { adminMutation } from "@customer-modules/core"

import type VoucherService from "#services/voucher"
import { ExpireNow } from "#validators"

/** POST /admin/vouchers/expire: runs the nightly expiry now → `{ expired, amount }` (vouchers, minor units). */
export const POST = adminMutation({
  body: ExpireNow,
  handler: async (req, manager) => ({
    status: 200,
    body: await req.scope.resolve<VoucherService>("voucherService").withTransaction(manager).expireDue(),
  }),
})
