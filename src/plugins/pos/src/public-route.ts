import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"
import { z } from "zod"

import { DomainError, parseBody } from "@customer-modules/core"

import { MAX_IDEMPOTENCY_KEY_LENGTH, PosAnswer, runIdempotent, toRefusal } from "./pos-route"
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
  /** Does the work with `manager` (one transaction for POST, the plain manager for GET) and answers status and body. */
  handler: (req: MedusaRequest, manager: EntityManager, input: { body: z.infer<B>; query: z.infer<Q> }) => Promise<PosAnswer>
}

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
  return async (req: MedusaRequest, res: MedusaResponse): Promise<void> => {
    try {
      await run(req, res)
    } catch (e) {
      const refusal = toRefusal(e)
      if (!refusal) {
        throw e
      }
      const answer = refusal.answer()
      for (const [name, value] of Object.entries(refusal.headers)) {
        res.setHeader(name, value)
      }
      res.status(answer.status).json(answer.body)
    }
  }

  async function run(req: MedusaRequest, res: MedusaResponse): Promise<void> {
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
    const manager = req.scope.resolve<EntityManager>("manager")
    if (!writes) {
      const answer = await opts.handler(req, manager, input)
      res.status(answer.status).json(answer.body)
      return
    }
    const clientKey = (req.get("idempotency-key") ?? "").trim()
    if (clientKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw new DomainError("invalid_request", `Idempotency-Key: at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`, 400)
    }
    if (!clientKey) {
      const answer = await manager.transaction((tx) => opts.handler(req, tx, input))
      res.status(answer.status).json(answer.body)
      return
    }
    const { answer, replayed } = await runIdempotent(req, {
      storedKey: `store:${clientKey}`,
      params: req.body ?? {},
      run: (tx) => opts.handler(req, tx, input),
    })
    if (replayed) {
      res.setHeader("Idempotent-Replayed", "true")
    }
    res.status(answer.status).json(answer.body)
  }
}
