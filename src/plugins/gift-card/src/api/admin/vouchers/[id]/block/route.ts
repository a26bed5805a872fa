import { adminMutation } from "@customer-modules/core"

import type VoucherService from "#services/voucher"
import { StatusChange } from "#validators"

/** POST /admin/vouchers/:id/block `{ reference? }` → `{ gift_card }`; recorded in the voucher's history. */
export const POST = adminMutation({
  body: StatusChange,
  handler: async (req, manager, body) => ({
    status: 200,
    body: {
      gift_card: await req.scope
        .resolve<VoucherService>("voucherService")
        .withTransaction(manager)
        .block(req.params.id, { reference: body.reference ?? "admin" }),
    },
  }),
})
