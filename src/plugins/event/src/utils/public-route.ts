import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import { RateLimiterMemory } from "rate-limiter-flexible"
import type { EntityManager } from "typeorm"
import type { z } from "zod"

import { describeIssues, isDomainError, isUnavailable, UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_AFTER_S } from "@customer-modules/core"

export type PublicAnswer = { status: number; body: unknown; headers?: Record<string, string> }

/**
 * A public `/store/...` route of this plugin: per-IP rate limit (429 with
 * Retry-After), zod validation of the body (POST) or the query (GET) with 400
 * `{ type, message }`, refusals as `{ type, message }`, a POST in one
 * transaction. Stands in for the platform's `publicRoute` until it lands.
 */
export function publicRoute<S extends z.ZodTypeAny>(opts: {
  input: S
  limit: { points: number; duration_s: number }
  handler: (req: MedusaRequest, manager: EntityManager, input: z.infer<S>) => Promise<PublicAnswer>
}): (req: MedusaRequest, res: MedusaResponse) => Promise<void> {
  const limiter = new RateLimiterMemory({ points: opts.limit.points, duration: opts.limit.duration_s })
  return async (req, res) => {
    try {
      await limiter.consume(req.ip ?? "unknown")
    } catch (e) {
      const wait = Math.max(1, Math.ceil(((e as { msBeforeNext?: number }).msBeforeNext ?? 1000) / 1000))
      res.setHeader("Retry-After", String(wait))
      res.status(429).json({ type: "too_many_requests", message: `Too many requests; try again in ${wait} s` })
      return
    }
    const raw = req.method === "GET" || req.method === "HEAD" ? req.query : typeof req.body === "string" && req.body.trim() === "" ? {} : (req.body ?? {})
    const parsed = opts.input.safeParse(raw)
    if (!parsed.success) {
      res.status(400).json({ type: "invalid_request", message: describeIssues(parsed.error) })
      return
    }
    const manager = req.scope.resolve<EntityManager>("manager")
    try {
      const answer =
        req.method === "GET" || req.method === "HEAD"
          ? await opts.handler(req, manager, parsed.data)
          : await manager.transaction((tx) => opts.handler(req, tx, parsed.data))
      for (const [k, v] of Object.entries(answer.headers ?? {})) {
        res.setHeader(k, v)
      }
      if (typeof answer.body === "string") {
        res.status(answer.status).send(answer.body)
      } else if (answer.status === 304) {
        res.status(304).end()
      } else {
        res.status(answer.status).json(answer.body)
      }
    } catch (e) {
      if (isDomainError(e)) {
        res.status(e.status).json({ type: e.type, message: e.message })
        return
      }
      if (isUnavailable(e)) {
        res.setHeader("Retry-After", String(UNAVAILABLE_RETRY_AFTER_S))
        res.status(503).json({ type: "service_unavailable", message: UNAVAILABLE_MESSAGE })
        return
      }
      throw e
    }
  }
}
