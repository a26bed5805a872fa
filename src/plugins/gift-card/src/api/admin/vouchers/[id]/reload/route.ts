import { adminMutation } from "@customer-modules/pos"

import type VoucherService from "../../../../../services/voucher"
import { ReloadVoucher } from "../../../../../validators"

/** POST /admin/vouchers/:id/reload `{ amount, reference? }` → `{ gift_card, transaction }`; idempotent with an Idempotency-Key. */
export const POST = adminMutation({
  body: ReloadVoucher,
  handler: async (req, manager, body) => {
    const service = req.scope.resolve<VoucherService>("voucherService").withTransaction(manager)
    const card = await service.retrieve(req.params.id)
    return { status: 200, body: await service.reload(card.code, body.amount, { reference: body.reference ?? "admin" }) }
  },
})
