import { requireCustomerAuthentication } from "@medusajs/medusa"
import type { MiddlewaresConfig } from "@medusajs/medusa"

import { apiErrorHandler } from "@customer-modules/core"

import { hideVoucherShadows } from "./hide-voucher-shadows"

/**
 * Malformed JSON and domain refusals answer `{ type, message }` on every route
 * of this plugin; a customer's own vouchers need a signed-in customer; Medusa's
 * own gift-card list leaves out the voucher shadows.
 */
export const config: MiddlewaresConfig = {
  errorHandler: apiErrorHandler(),
  routes: [
    { matcher: "/store/vouchers*", middlewares: [requireCustomerAuthentication()] },
    // Medusa's own gift-card page lists no voucher shadows.
    { matcher: "/admin/gift-cards", method: "GET", middlewares: [hideVoucherShadows] },
    // A design's motif arrives as a data URI of up to about 500 kB.
    { matcher: "/admin/voucher-shop/designs*", bodyParser: { sizeLimit: "1mb" } },
  ],
}
