import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation, parseBody } from "@customer-modules/core"

import type VoucherService from "#services/voucher"
import { ListVouchers, SellVoucher } from "#validators"

/** GET /admin/vouchers[?q=&status=&customer_id=&limit=&offset=] → `{ gift_cards, count, limit, offset }`, newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { limit = 20, offset = 0, ...filter } = parseBody(ListVouchers, req.query)
  const [gift_cards, count] = await req.scope.resolve<VoucherService>("voucherService").list(filter, { limit, offset })
  res.json({ gift_cards, count, limit, offset })
}

/** POST /admin/vouchers `{ amount, currency_code, code?, customer_id? }`: sell (or give) a voucher from the back office; needs an Idempotency-Key (a retry with it sells once). */
export const POST = adminMutation({
  body: SellVoucher,
  requireKey: true,
  handler: async (req, manager, body) => ({
    status: 201,
    body: await req.scope.resolve<VoucherService>("voucherService").withTransaction(manager).issue(body, { reference: "admin" }),
  }),
})
