import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { DomainError } from "@customer-modules/core"
import { MissLimiter } from "@customer-modules/pos"

/** Calls per client IP and minute to the shop's public routes that create carts or load vouchers. */
export const PUBLIC_CALLS_PER_MINUTE = 60

let limiter: MissLimiter | undefined

/**
 * A per-IP rate limit for the shop's public POST routes (until core's
 * `publicRoute` is there): every call counts, past the limit 429 with
 * Retry-After. Counters in Redis when the server has one (shared by every
 * instance), else in memory.
 */
export async function limitPublicCall(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  limiter ??= new MissLimiter({
    redisUrl: process.env.REDIS_URL || undefined,
    redisNamespace: `${process.env.REDIS_NAMESPACE || "cm"}:voucher-shop`,
    missesPerIp: PUBLIC_CALLS_PER_MINUTE,
    window_s: 60,
  })
  const retryAfter = await limiter.miss({ ip: req.ip ?? null })
  if (retryAfter !== null) {
    res.setHeader("Retry-After", String(retryAfter))
    throw new DomainError("too_many_requests", `Too many requests; try again in ${retryAfter} s`, 429)
  }
}
