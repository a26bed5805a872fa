import { requireCustomerAuthentication } from "@medusajs/medusa"
import type { MiddlewaresConfig } from "@medusajs/medusa"

import { apiErrorHandler } from "../error-handler"
import { crossSiteGuard } from "../utils/cross-site"

/**
 * The core plugin's router comes before every other plugin's and Medusa's own admin
 * routes, so these guard the whole admin API.
 */
export const config: MiddlewaresConfig = {
  errorHandler: apiErrorHandler(),
  routes: [
    { matcher: "/admin/*", method: ["POST", "PUT", "PATCH", "DELETE"], middlewares: [crossSiteGuard()] },
    { matcher: "/store/customers/me/data-export", middlewares: [requireCustomerAuthentication()] },
  ],
}
