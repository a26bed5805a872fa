import { errorHandler } from "@medusajs/medusa"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { isDomainError } from "./errors"

type BodyParserError = Error & { type?: string; status?: number; expose?: boolean }

/**
 * The error handler for every plugin's `api/middlewares.ts` (Medusa applies one
 * per plugin router): body-parser failures
 * (malformed JSON, too large, bad charset) answer 400 `invalid_json`, a DomainError
 * answers `{ type, message }` with its status, everything else goes to Medusa's own.
 */
export function apiErrorHandler(): (err: unknown, req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => void {
  const medusa = errorHandler()
  return (err, req, res, next) => {
    const e = err as BodyParserError
    if (typeof e?.type === "string" && isBodyParserError(e)) {
      const message =
        e.type === "entity.too.large"
          ? "The request body is too large"
          : e.type === "entity.parse.failed"
            ? `The request body is not valid JSON: ${e.message}`
            : `The request body could not be read: ${e.message}`
      res.status(400).json({ type: "invalid_json", message })
      return
    }
    if (isDomainError(err)) {
      res.status(err.status).json({ type: err.type, message: err.message })
      return
    }
    medusa(err as Parameters<typeof medusa>[0], req, res, next)
  }
}

/** body-parser raises http-errors with a dotted `type` (entity.parse.failed, entity.too.large, charset.unsupported, …). */
function isBodyParserError(e: BodyParserError): boolean {
  return (
    typeof e.status === "number" &&
    e.status >= 400 &&
    e.status < 500 &&
    /^(entity|charset|encoding|request|stream)\./.test(e.type ?? "")
  )
}
