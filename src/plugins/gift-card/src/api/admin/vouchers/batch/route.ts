import { adminMutation } from "@customer-modules/core"

import type VoucherService from "#services/voucher"
import { CreateInactiveVouchers } from "#validators"

/**
 * POST /admin/vouchers/batch `{ currency_code, count, range_id? } | { currency_code, codes }`:
 * pre-printed vouchers, inactive and empty until a till sells them by their number.
 * Needs an Idempotency-Key: a retry with it creates nothing more.
 */
export const POST = adminMutation({
  body: CreateInactiveVouchers,
  requireKey: true,
  handler: async (req, manager, body) => ({
    status: 201,
    body: { gift_cards: await req.scope.resolve<VoucherService>("voucherService").withTransaction(manager).createInactive(body) },
  }),
})
