import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { DomainError, isDomainError } from "@customer-modules/core"
import type { PosMissLimiterService } from "@customer-modules/pos"

function tooMany(res: MedusaResponse, retryAfter: number): DomainError {
  res.setHeader("Retry-After", String(retryAfter))
  return new DomainError("too_many_requests", `Too many unknown numbers; try again in ${retryAfter} s`, 429)
}

/**
 * The POS enumeration defence for a public call that takes a card number, per
 * client IP: every refused number (unknown, blocked: each tells a guesser
 * something) counts, and past the limit every call is 429 with Retry-After.
 */
export async function countMisses<T>(req: MedusaRequest, res: MedusaResponse, work: () => Promise<T>): Promise<T> {
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
