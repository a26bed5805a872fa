import { adminMutation } from "@customer-modules/pos"

import type VoucherService from "../../../../services/voucher"
import { CreateInactiveVouchers } from "../../../../validators"

/**
 * POST /admin/vouchers/batch `{ currency_code, count, range_id? } | { currency_code, codes }`:
 * pre-printed vouchers, inactive and empty until a till sells them by their number.
 * Send an Idempotency-Key to make a retry create nothing more.
 */
export const POST = adminMutation({
  body: CreateInactiveVouchers,
  handler: async (req, manager, body) => ({
    status: 201,
    body: { gift_cards: await req.scope.resolve<VoucherService>("voucherService").withTransaction(manager).createInactive(body) },
  }),
})
