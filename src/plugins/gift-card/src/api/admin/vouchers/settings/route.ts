import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type VoucherService from "../../../../services/voucher"
import { UpdateSettings } from "../../../../validators"

/** GET /admin/vouchers/settings → `{ settings }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ settings: await req.scope.resolve<VoucherService>("voucherService").settings() })
}

/** POST /admin/vouchers/settings `{ validity?, validity_count?, time_zone? }`: applies to vouchers sold from now on. */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(UpdateSettings, req.body)
  res.json({ settings: await req.scope.resolve<VoucherService>("voucherService").updateSettings(body) })
}
