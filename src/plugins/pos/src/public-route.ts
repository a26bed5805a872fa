import type { MedusaRequest } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"
import { z } from "zod"

import { answeringRefusals, parseBody, runWithOptionalKey } from "@customer-modules/core"
import type { RouteAnswer } from "@customer-modules/core"

import type PublicRateLimiterService from "./services/public-rate-limiter"
import type { RateBudget } from "./services/public-rate-limiter"

export type PublicRouteOptions<B extends z.ZodTypeAny, Q extends z.ZodTypeAny> = {
  /** The body schema (a `.strict()` object); POST/PUT only. */
  body?: B
  /** The query schema (a `.strict()` object). */
  query?: Q
  /** Calls per client IP (`points` per `duration_s`), counted per route; over it: 429 with Retry-After. */
  limit: RateBudget
  /** The budget's name; default: the route's path pattern. Routes may share one. */
  bucket?: string
  /**
   * Does the work with `manager` (one transaction for POST, the plain manager for GET) and answers status and body.
   * A GET may answer more than JSON: a string body is sent as it is, with its own `headers` (Content-Type, ETag,
   * Cache-Control), and 304 sends no body (the HTML fragments and the iCalendar feed).
   */
  handler: (req: MedusaRequest, manager: EntityManager, input: { body: z.infer<B>; query: z.infer<Q> }) => Promise<PublicAnswer>
}

/** What a public route answers: a POST's answer is stored for its Idempotency-Key, so only a GET's headers are sent. */
export type PublicAnswer = RouteAnswer & { headers?: Record<string, string> }

const EMPTY = z.object({}).strict()
const ANY_QUERY = z.record(z.unknown())

/**
 * A public `/store/...` route as STORE-API.md asks: no login; a per-IP budget
 * (429 `rate_limited` with Retry-After); body and query validated (400
 * `invalid_request`, nothing written); on POST an optional Idempotency-Key with
 * the POS semantics (same key and body replay the first answer, another body
 * is 409 `idempotency_conflict`); refusals as `{ type, message }`; a POST's
 * work in one transaction.
 */
export function publicRoute<B extends z.ZodTypeAny = z.ZodNever, Q extends z.ZodTypeAny = z.ZodNever>(opts: PublicRouteOptions<B, Q>) {
  return answeringRefusals(async (req, res) => {
    const limiter = req.scope.resolve<PublicRateLimiterService>("publicRateLimiterService")
    const bucket = opts.bucket ?? `${req.method} ${req.route?.path ?? req.baseUrl + req.path}`
    const wait = await limiter.consume(bucket, req.ip ?? "unknown", opts.limit)
    if (wait !== null) {
      res.setHeader("Retry-After", String(wait))
      res.status(429).json({ type: "rate_limited", message: `Too many requests; try again in ${wait} s` })
      return
    }
    const query = parseBody((opts.query ?? ANY_QUERY) as z.ZodTypeAny, req.query ?? {})
    const writes = req.method !== "GET" && req.method !== "HEAD"
    const body = writes ? parseBody((opts.body ?? EMPTY) as z.ZodTypeAny, req.body ?? {}) : undefined
    const input = { body, query } as { body: z.infer<B>; query: z.infer<Q> }
    if (!writes) {
      const answer = await opts.handler(req, req.scope.resolve<EntityManager>("manager"), input)
      for (const [name, value] of Object.entries(answer.headers ?? {})) {
        res.setHeader(name, value)
      }
      if (answer.status === 304) {
        res.status(304).end()
      } else if (typeof answer.body === "string") {
        res.status(answer.status).send(answer.body)
      } else {
        res.status(answer.status).json(answer.body)
      }
      return
    }
    await runWithOptionalKey(req, res, { scope: "store", run: (manager) => opts.handler(req, manager, input) })
  })
}
