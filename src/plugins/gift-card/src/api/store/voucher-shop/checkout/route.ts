import { z } from "zod"

import { publicRoute } from "@customer-modules/pos"

import type HostedCheckoutService from "#services/hosted-checkout"

const StartCheckout = z.object({ cart_id: z.string().trim().min(1).max(64) }).strict()

/**
 * POST /store/voucher-shop/checkout `{ cart_id }` → 200 `{ token, expires_at, checkout_url, providers: [{ id, top_level,
 * client }] }`: for a cart of the voucher shop or the top-up page whose payment sessions are made, the providers and a
 * signed link (valid 30 minutes) to pay it on a top-level page when the chosen provider cannot pay inside a frame.
 */
export const POST = publicRoute({
  body: StartCheckout,
  limit: { points: 30, duration_s: 60 },
  handler: async (req, _manager, { body }) => ({
    status: 200,
    body: await req.scope.resolve<HostedCheckoutService>("hostedCheckoutService").start(body.cart_id),
  }),
})
