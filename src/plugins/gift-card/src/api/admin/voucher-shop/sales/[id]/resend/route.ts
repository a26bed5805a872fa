import { adminMutation } from "@customer-modules/core"

import type VoucherShopService from "#services/voucher-shop"
import { EmptyBody } from "#validators"

/**
 * POST /admin/voucher-shop/sales/:id/resend `{}` → 202 `{ resent: true }`: the voucher mail to its recipient again.
 * Send an `Idempotency-Key`: the same key sends one mail however often it is retried (without one, each call is a new mail).
 *
 * `sendIfNotSent` enqueues the mail in the jobs plugin's own transaction and then marks the
 * item, never inside an open one (its worker must find the mail), so it does not take the
 * wrapper's `manager` (decision 134).
 */
export const POST = adminMutation({
  ownTransactions: true,
  body: EmptyBody,
  handler: async (req, _manager, _body, { idempotency_key }) => {
    const key = (idempotency_key ?? "").replace(/[^A-Za-z0-9_-]/g, "").slice(0, 80) || `${Date.now()}`
    await req.scope.resolve<VoucherShopService>("voucherShopService").sendIfNotSent(req.params.id, { force: key })
    return { status: 202, body: { resent: true } }
  },
})
