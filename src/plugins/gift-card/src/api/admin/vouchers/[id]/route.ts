import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type VoucherService from "#services/voucher"
import { PageQuery } from "#validators"

/** GET /admin/vouchers/:id[?limit=&offset=] → `{ gift_card, transactions, count, limit, offset }`, history newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { limit = 50, offset = 0 } = parseBody(PageQuery, req.query)
  const service = req.scope.resolve<VoucherService>("voucherService")
  const gift_card = await service.retrieve(req.params.id)
  const [transactions, count] = await service.history(gift_card.id, { limit, offset })
  res.json({ gift_card, transactions, count, limit, offset })
}
