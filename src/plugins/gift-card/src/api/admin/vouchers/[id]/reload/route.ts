import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type VoucherService from "../../../../../services/voucher"
import { ReloadVoucher } from "../../../../../validators"

/** POST /admin/vouchers/:id/reload `{ amount, reference? }` → `{ gift_card, transaction }`. */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(ReloadVoucher, req.body)
  const service = req.scope.resolve<VoucherService>("voucherService")
  const card = await service.retrieve(req.params.id)
  res.json(await service.reload(card.code, body.amount, { reference: body.reference ?? "admin" }))
}
