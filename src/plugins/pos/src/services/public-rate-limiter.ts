import type { Logger } from "@medusajs/medusa"
import { Lifetime } from "awilix"
import Redis from "ioredis"
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible"

import type { PosPluginOptions } from "../types"

type InjectedDependencies = { logger: Logger }

/** Budgets of public routes are per route and client IP; a budget is `points` calls per `duration_s`. */
export type RateBudget = { points: number; duration_s: number }

const ERROR_LOG_INTERVAL_MS = 60_000
/** Distinct budgets at most (one per public route, in practice a few dozen). */
const MAX_LIMITERS = 200

/**
 * Per-IP request budgets of the public `/store/...` routes (`publicRateLimiterService`):
 * counted in Redis across instances when the plugin has `redisUrl`, in memory
 * otherwise and while Redis is away. `PUBLIC_RATE_LIMIT_SCALE` multiplies every
 * budget (an installation behind one NAT, a load test).
 */
export default class PublicRateLimiterService {
  static LIFE_TIME = Lifetime.SINGLETON

  protected readonly redis_: Redis | null
  protected readonly prefix_: string
  protected readonly scale_: number
  protected readonly limiters_ = new Map<string, RateLimiterAbstract>()

  constructor(container: InjectedDependencies, options: PosPluginOptions = {}) {
    this.prefix_ = `${options.redisNamespace ?? "cm"}:public-rate`
    const scale = Number(process.env.PUBLIC_RATE_LIMIT_SCALE ?? "1")
    this.scale_ = Number.isFinite(scale) && scale > 0 ? scale : 1
    if (options.redisUrl) {
      let lastLogged = 0
      this.redis_ = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
      this.redis_.on("error", (e: Error) => {
        if (Date.now() - lastLogged > ERROR_LOG_INTERVAL_MS) {
          lastLogged = Date.now()
          container.logger.warn(`public rate limiter: Redis unavailable, counting in memory (${e.message})`)
        }
      })
    } else {
      this.redis_ = null
    }
  }

  /**
   * Counts one call of `route` from `ip`; returns the seconds to wait when the
   * budget is spent (the call is refused), else null.
   */
  async consume(route: string, ip: string, budget: RateBudget): Promise<number | null> {
    try {
      await this.limiter_(route, budget).consume(ip)
      return null
    } catch (e) {
      if (e instanceof RateLimiterRes) {
        return Math.max(1, Math.ceil(e.msBeforeNext / 1000))
      }
      throw e
    }
  }

  protected limiter_(route: string, budget: RateBudget): RateLimiterAbstract {
    const points = Math.max(1, Math.round(budget.points * this.scale_))
    const id = `${route}|${points}|${budget.duration_s}`
    let limiter = this.limiters_.get(id)
    if (!limiter) {
      if (this.limiters_.size >= MAX_LIMITERS) {
        throw new Error(`more than ${MAX_LIMITERS} public rate budgets: name routes, not requests`)
      }
      const common = { points, duration: budget.duration_s, keyPrefix: `${this.prefix_}:${route}` }
      const memory = new RateLimiterMemory(common)
      limiter = this.redis_ ? new RateLimiterRedis({ ...common, storeClient: this.redis_, insuranceLimiter: memory }) : memory
      this.limiters_.set(id, limiter)
    }
    return limiter
  }
}
