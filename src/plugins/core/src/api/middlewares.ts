import type { MiddlewaresConfig } from "@medusajs/medusa"

import { crossSiteGuard } from "../utils/cross-site"

/**
 * The core plugin's router comes before every other plugin's and Medusa's own admin
 * routes, so these guard the whole admin API.
 */
export const config: MiddlewaresConfig = {
  routes: [{ matcher: "/admin/*", method: ["POST", "PUT", "PATCH", "DELETE"], middlewares: [crossSiteGuard()] }],
}
