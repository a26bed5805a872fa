import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type VoucherService from "../../../../../services/voucher"
import { LinkCustomer } from "../../../../../validators"

/**
 * POST /admin/vouchers/:id/customer `{ customer_id | null, replace? }` → `{ gift_card }`:
 * links an anonymous voucher to a customer, or (with replace) corrects the link.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(LinkCustomer, req.body)
  const gift_card = await req.scope
    .resolve<VoucherService>("voucherService")
    .linkCustomer(req.params.id, body.customer_id, { replace: body.replace ?? body.customer_id === null })
  res.json({ gift_card })
}
