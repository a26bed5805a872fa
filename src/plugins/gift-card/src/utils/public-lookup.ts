import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { DomainError, isDomainError } from "@customer-modules/core"
import type { PosMissLimiterService } from "@customer-modules/pos"

/**
 * Runs a public (unauthenticated) lookup of a voucher code under the same
 * enumeration defence as the POS routes, per client IP (`TRUST_PROXY` decides
 * which address that is): every refused code counts as a miss — unknown,
 * mistyped, and also found but unusable (inactive, blocked, empty, expired),
 * since each of those tells a guesser the code exists. Past the limit the
 * caller gets 429 with Retry-After for every lookup. A code that pays never counts.
 */
export async function guardedLookup<T>(req: MedusaRequest, res: MedusaResponse, work: () => Promise<T>): Promise<T | undefined> {
  const limiter = req.scope.resolve<PosMissLimiterService>("posMissLimiterService")
  const subject = { ip: req.ip ?? null }
  const tooMany = (retryAfter: number) => {
    res.setHeader("Retry-After", String(retryAfter))
    return new DomainError("too_many_requests", `Too many unknown codes; try again in ${retryAfter} s`, 429)
  }
  const blocked = await limiter.retryAfter(subject)
  if (blocked !== null) {
    throw tooMany(blocked)
  }
  try {
    return await work()
  } catch (e) {
    if (isDomainError(e) && (e.status === 404 || e.status === 409 || e.status === 422 || e.type === "invalid_code")) {
      const retryAfter = await limiter.miss(subject)
      if (retryAfter !== null) {
        throw tooMany(retryAfter)
      }
    }
    throw e
  }
}
