import type { MedusaResponse } from "@medusajs/medusa"

import { publicRoute } from "@customer-modules/pos"

import type VoucherShopService from "#services/voucher-shop"
import { guardedLookup } from "#utils/public-lookup"
import { BalanceCheck } from "#validators"

/**
 * POST /store/voucher-shop/balance `{ code }` → `{ voucher: { balance, currency_code, valid_until, status } }`: the balance
 * check of the shop page. A POST so the code stays out of URLs and logs; unknown codes count against the caller's IP
 * (the POS miss limiter: 429 past the limit), on top of the route's own per-IP budget.
 */
export const POST = publicRoute({
  body: BalanceCheck,
  limit: { points: 60, duration_s: 60 },
  handler: async (req, manager, { body }) => {
    const res = req.res as MedusaResponse
    const voucher = await guardedLookup(req, res, () => req.scope.resolve<VoucherShopService>("voucherShopService").withTransaction(manager).balance(body.code))
    return { status: 200, body: { voucher } }
  },
})
