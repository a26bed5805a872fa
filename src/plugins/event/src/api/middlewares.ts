import type { MiddlewaresConfig } from "@medusajs/medusa"
import express from "express"

import { apiErrorHandler } from "@customer-modules/core"

/**
 * `{ type, message }` for malformed JSON and refusals on every route of this
 * plugin; the ask-pages behind the links in mails post a plain form.
 */
export const config: MiddlewaresConfig = {
  errorHandler: apiErrorHandler(),
  routes: [
    {
      matcher: "/embed/events/registrations/*",
      middlewares: [express.urlencoded({ extended: false, limit: "4kb" })],
    },
  ],
}
