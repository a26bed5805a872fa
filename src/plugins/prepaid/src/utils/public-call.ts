import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { DomainError, isDomainError } from "@customer-modules/core"
import { MissLimiter } from "@customer-modules/pos"
import type { PosMissLimiterService } from "@customer-modules/pos"

/** Calls per client IP and minute to the public top-up route. */
export const PUBLIC_CALLS_PER_MINUTE = 60

let limiter: MissLimiter | undefined

function tooMany(res: MedusaResponse, retryAfter: number): DomainError {
  res.setHeader("Retry-After", String(retryAfter))
  return new DomainError("too_many_requests", `Too many requests; try again in ${retryAfter} s`, 429)
}

/**
 * A public call that takes a card number: a per-IP rate limit on every call
 * (until core's `publicRoute` is there), and the POS enumeration defence on
 * refused numbers (unknown, blocked: each tells a guesser something).
 */
export async function publicCardCall<T>(req: MedusaRequest, res: MedusaResponse, work: () => Promise<T>): Promise<T> {
  limiter ??= new MissLimiter({
    redisUrl: process.env.REDIS_URL || undefined,
    redisNamespace: `${process.env.REDIS_NAMESPACE || "cm"}:prepaid-top-up`,
    missesPerIp: PUBLIC_CALLS_PER_MINUTE,
    window_s: 60,
  })
  const rate = await limiter.miss({ ip: req.ip ?? null })
  if (rate !== null) {
    throw tooMany(res, rate)
  }
  const misses = req.scope.resolve<PosMissLimiterService>("posMissLimiterService")
  const blocked = await misses.retryAfter({ ip: req.ip ?? null })
  if (blocked !== null) {
    throw tooMany(res, blocked)
  }
  try {
    return await work()
  } catch (e) {
    if (isDomainError(e) && (e.status === 404 || e.status === 409 || e.type === "invalid_code")) {
      const retryAfter = await misses.miss({ ip: req.ip ?? null })
      if (retryAfter !== null) {
        throw tooMany(res, retryAfter)
      }
    }
    throw e
  }
}
