import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type VoucherService from "../../../../../services/voucher"
import { StatusChange } from "../../../../../validators"

/** POST /admin/vouchers/:id/block `{ reference? }` → `{ gift_card }`; recorded in the voucher's history. */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(StatusChange, req.body)
  const gift_card = await req.scope.resolve<VoucherService>("voucherService").block(req.params.id, { reference: body.reference ?? "admin" })
  res.json({ gift_card })
}
