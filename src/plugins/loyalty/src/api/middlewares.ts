import { requireCustomerAuthentication } from "@medusajs/medusa"
import type { MiddlewaresConfig } from "@medusajs/medusa"

import { apiErrorHandler } from "@customer-modules/core"

/**
 * `{ type, message }` for malformed JSON and domain refusals on every route
 * of this plugin; the customer's own loyalty view and rewards on a cart need
 * a signed-in customer.
 */
export const config: MiddlewaresConfig = {
  errorHandler: apiErrorHandler(),
  routes: [
    { matcher: "/store/loyalty/me*", middlewares: [requireCustomerAuthentication()] },
    { matcher: /^\/store\/carts\/[^/]+\/loyalty-rewards/, middlewares: [requireCustomerAuthentication()] },
  ],
}
