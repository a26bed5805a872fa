import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type VoucherShopService from "../../../../services/voucher-shop"
import { guardedLookup } from "../../../../utils/public-lookup"
import { BalanceCheck } from "../../../../validators"

/**
 * POST /store/voucher-shop/balance `{ code }` → `{ balance, currency_code, valid_until, status }`: the balance check of the
 * shop page. A POST so the code stays out of URLs and logs; unknown codes count against the caller's IP (429 past the limit).
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { code } = parseBody(BalanceCheck, req.body)
  const voucher = await guardedLookup(req, res, () => req.scope.resolve<VoucherShopService>("voucherShopService").balance(code))
  res.json({ voucher })
}
