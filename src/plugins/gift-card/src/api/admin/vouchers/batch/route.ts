import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type VoucherService from "../../../../services/voucher"
import { CreateInactiveVouchers } from "../../../../validators"

/**
 * POST /admin/vouchers/batch `{ currency_code, count, range_id? } | { currency_code, codes }`:
 * pre-printed vouchers, inactive and empty until a till sells them by their number.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(CreateInactiveVouchers, req.body)
  const gift_cards = await req.scope.resolve<VoucherService>("voucherService").createInactive(body)
  res.status(201).json({ gift_cards })
}
