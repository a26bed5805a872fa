import { requireCustomerAuthentication } from "@medusajs/medusa"
import type { MiddlewaresConfig } from "@medusajs/medusa"

import { apiErrorHandler } from "@customer-modules/core"

/**
 * `{ type, message }` for malformed JSON and domain refusals on every route of
 * this plugin; the customer's own card routes need a signed-in customer
 * (session cookie or bearer token from /store/auth/token).
 */
export const config: MiddlewaresConfig = {
  errorHandler: apiErrorHandler(),
  routes: [{ matcher: "/store/prepaid-cards*", middlewares: [requireCustomerAuthentication()] }],
}
