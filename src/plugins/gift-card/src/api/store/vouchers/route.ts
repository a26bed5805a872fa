import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { customerIdOf } from "@customer-modules/core"
import { MAX_PAGE } from "@customer-modules/ledger"

import type VoucherService from "#services/voucher"

/** GET /store/vouchers → `{ gift_cards }`: the signed-in customer's vouchers with balance, status and validity. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const [gift_cards] = await req.scope
    .resolve<VoucherService>("voucherService")
    .list({ customer_id: customerIdOf(req) }, { limit: MAX_PAGE, offset: 0 })
  res.json({ gift_cards: gift_cards.filter((g) => g.status !== "inactive") })
}
