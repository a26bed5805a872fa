import { z } from "zod"

import { publicRoute } from "@customer-modules/pos"

import type HostedCheckoutService from "#services/hosted-checkout"

const StatusQuery = z.object({ token: z.string().min(1).max(200) }).strict()

/**
 * GET /store/voucher-shop/checkout/status?token= → `{ status: "pending" | "completed", order_id }`: what the framed
 * shop page asks while the payment runs on the top-level page. 403 `invalid_token` for a forged or expired token.
 */
export const GET = publicRoute({
  query: StatusQuery,
  limit: { points: 120, duration_s: 60 },
  handler: async (req, _manager, { query }) => {
    const checkout = req.scope.resolve<HostedCheckoutService>("hostedCheckoutService")
    return { status: 200, body: await checkout.status(checkout.verify(query.token)) }
  },
})
