import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible"
import type { EntityManager } from "typeorm"
import type { z } from "zod"

import { isDomainError, parseBody } from "@customer-modules/core"

export type PublicAnswer = { status: number; body: unknown }

type PublicRouteOptions<B extends z.ZodTypeAny, Q extends z.ZodTypeAny> = {
  body?: B
  query?: Q
  limit: { points: number; duration_s: number }
  handler: (req: MedusaRequest, manager: EntityManager, input: { body: z.infer<B>; query: z.infer<Q> }) => Promise<PublicAnswer>
}

/**
 * A public `/store/...` route of this plugin: per-IP rate limit (429 with
 * Retry-After), zod validation (400 `{ type, message }`, nothing written), one
 * database transaction. Stands in for the platform's `publicRoute` until it is
 * on main; the counters are per process.
 */
export function publicRoute<B extends z.ZodTypeAny, Q extends z.ZodTypeAny>(opts: PublicRouteOptions<B, Q>) {
  const limiter = new RateLimiterMemory({ points: opts.limit.points, duration: opts.limit.duration_s })
  return async (req: MedusaRequest, res: MedusaResponse): Promise<void> => {
    try {
      await limiter.consume(req.ip ?? "unknown")
    } catch (e) {
      if (e instanceof RateLimiterRes) {
        const retry_s = Math.max(1, Math.ceil(e.msBeforeNext / 1000))
        res.setHeader("Retry-After", String(retry_s))
        res.status(429).json({ type: "too_many_requests", message: `Too many requests; try again in ${retry_s} s` })
        return
      }
      throw e
    }
    try {
      const body = opts.body ? parseBody(opts.body, req.body) : undefined
      const query = opts.query ? parseBody(opts.query, req.query) : undefined
      const answer = await req.scope.resolve<EntityManager>("manager").transaction((manager) => opts.handler(req, manager, { body, query }))
      res.status(answer.status).json(answer.body)
    } catch (e) {
      if (isDomainError(e)) {
        res.status(e.status).json({ type: e.type, message: e.message, ...("alternatives" in e ? { alternatives: (e as { alternatives: unknown }).alternatives } : {}) })
        return
      }
      throw e
    }
  }
}
