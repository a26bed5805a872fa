import { errorHandler } from "@medusajs/medusa"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { isDomainError, isUnavailable, UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_AFTER_S } from "./errors"

type BodyParserError = Error & { type?: string; status?: number; expose?: boolean }

/**
 * The error handler for every plugin's `api/middlewares.ts` (Medusa applies one
 * per plugin router): body-parser failures
 * (malformed JSON, too large, bad charset) answer 400 `invalid_json`, a DomainError
 * answers `{ type, message }` with its status, a lost database or Redis connection
 * answers 503 `service_unavailable` with Retry-After (fixed text, never the driver's),
 * everything else goes to Medusa's own.
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
    if (isUnavailable(err)) {
      logUnavailable(req, err)
      res.setHeader("Retry-After", String(UNAVAILABLE_RETRY_AFTER_S))
      res.status(503).json({ type: "service_unavailable", message: UNAVAILABLE_MESSAGE })
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

let lastLogged_ms = 0

/** An outage fails every request: log it once per 10 s, with the driver's text (the client never sees it). */
function logUnavailable(req: MedusaRequest, err: unknown): void {
  if (Date.now() - lastLogged_ms < 10_000) {
    return
  }
  lastLogged_ms = Date.now()
  try {
    req.scope.resolve<{ warn(m: string): void }>("logger").warn(`${req.method} ${req.path}: 503, a dependency is unavailable (${(err as Error)?.message ?? String(err)})`)
  } catch {
    // no logger in scope: nothing to do
  }
}
