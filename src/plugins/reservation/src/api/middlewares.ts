import type { MiddlewaresConfig } from "@medusajs/medusa"

import { apiErrorHandler } from "@customer-modules/core"

/** Malformed JSON and domain refusals answer `{ type, message }` on every route of this plugin. */
export const config: MiddlewaresConfig = { errorHandler: apiErrorHandler() }
