import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { z } from "zod"

import { describeIssues, isDomainError, isUnavailable, UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_AFTER_S } from "@customer-modules/core"
import type { PublicRateLimiterService, RateBudget } from "@customer-modules/pos"

export type PublicAnswer = { status: number; body: unknown; headers?: Record<string, string> }

/**
 * A public GET of this plugin that answers more than JSON (the HTML fragment,
 * the iCalendar feed) with its own headers (ETag, Cache-Control, 304): the
 * platform's per-IP budget (`publicRateLimiterService`), the query validated
 * (400), refusals as `{ type, message }`. The platform's `publicRoute` answers
 * JSON only, so reads with another type use this.
 */
export function publicRead<Q extends z.ZodTypeAny>(opts: {
  query: Q
  limit: RateBudget
  handler: (req: MedusaRequest, query: z.infer<Q>) => Promise<PublicAnswer>
}): (req: MedusaRequest, res: MedusaResponse) => Promise<void> {
  return async (req, res) => {
    const bucket = `${req.method} ${req.route?.path ?? req.baseUrl + req.path}`
    const wait = await req.scope.resolve<PublicRateLimiterService>("publicRateLimiterService").consume(bucket, req.ip ?? "unknown", opts.limit)
    if (wait !== null) {
      res.setHeader("Retry-After", String(wait))
      res.status(429).json({ type: "rate_limited", message: `Too many requests; try again in ${wait} s` })
      return
    }
    const parsed = opts.query.safeParse(req.query ?? {})
    if (!parsed.success) {
      res.status(400).json({ type: "invalid_request", message: describeIssues(parsed.error) })
      return
    }
    try {
      const answer = await opts.handler(req, parsed.data)
      for (const [k, v] of Object.entries(answer.headers ?? {})) {
        res.setHeader(k, v)
      }
      if (answer.status === 304) {
        res.status(304).end()
      } else if (typeof answer.body === "string") {
        res.status(answer.status).send(answer.body)
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
