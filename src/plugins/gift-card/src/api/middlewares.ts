import { requireCustomerAuthentication } from "@medusajs/medusa"
import type { MiddlewaresConfig } from "@medusajs/medusa"

import { apiErrorHandler } from "@customer-modules/core"

/**
 * Malformed JSON and domain refusals answer `{ type, message }` on every route
 * of this plugin; a customer's own vouchers need a signed-in customer.
 */
export const config: MiddlewaresConfig = {
  errorHandler: apiErrorHandler(),
  routes: [
    { matcher: "/store/vouchers*", middlewares: [requireCustomerAuthentication()] },
    // A design's motif arrives as a data URI of up to about 500 kB.
    { matcher: "/admin/voucher-shop/designs*", bodyParser: { sizeLimit: "1mb" } },
  ],
}
