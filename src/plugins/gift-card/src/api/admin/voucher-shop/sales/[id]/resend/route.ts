import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type VoucherShopService from "#services/voucher-shop"
import { EmptyBody } from "#validators"

/**
 * POST /admin/voucher-shop/sales/:id/resend `{}` → 202 `{ resent: true }`: the voucher mail to its recipient again.
 * Send an `Idempotency-Key`: the same key sends one mail however often it is retried (without one, each call is a new mail).
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  parseBody(EmptyBody, req.body ?? {})
  const key = (req.get("idempotency-key") ?? "").trim().replace(/[^A-Za-z0-9_-]/g, "").slice(0, 80) || `${Date.now()}`
  await req.scope.resolve<VoucherShopService>("voucherShopService").sendIfNotSent(req.params.id, { force: key })
  res.status(202).json({ resent: true })
}
