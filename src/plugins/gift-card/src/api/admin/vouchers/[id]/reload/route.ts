import { adminMutation } from "@customer-modules/core"

import type VoucherService from "#services/voucher"
import { ReloadVoucher } from "#validators"

/** POST /admin/vouchers/:id/reload `{ amount, reference? }` → `{ gift_card, transaction }`; needs an Idempotency-Key (a retry with it reloads once). */
export const POST = adminMutation({
  body: ReloadVoucher,
  requireKey: true,
  handler: async (req, manager, body) => {
    const service = req.scope.resolve<VoucherService>("voucherService").withTransaction(manager)
    const card = await service.retrieve(req.params.id)
    return { status: 200, body: await service.reload(card.code, body.amount, { reference: body.reference ?? "admin" }) }
  },
})
