import type { MiddlewaresConfig } from "@medusajs/medusa"

import { apiErrorHandler } from "@customer-modules/core"

/** `{ type, message }` for malformed JSON and domain refusals on every route of this plugin. */
export const config: MiddlewaresConfig = {
  errorHandler: apiErrorHandler(),
}
