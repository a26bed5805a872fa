import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type VoucherService from "#services/voucher"
import { ExpireNow } from "#validators"

/** POST /admin/vouchers/expire: runs the nightly expiry now → `{ expired, amount }` (vouchers, minor units). */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  parseBody(ExpireNow, req.body)
  res.json(await req.scope.resolve<VoucherService>("voucherService").expireDue())
}
