import type { Logger } from "@medusajs/medusa"
import { Lifetime } from "awilix"

import type { PosPluginOptions } from "../types"
import { MissLimiter } from "../utils/miss-limiter"

type InjectedDependencies = {
  logger: Logger
}

const ERROR_LOG_INTERVAL_MS = 60_000

/**
 * The process-wide miss limiter (enumeration defence) as a container service,
 * `posMissLimiterService`: Redis counters shared by every instance when the
 * plugin has `redisUrl`, in-memory counters otherwise.
 */
export default class PosMissLimiterService extends MissLimiter {
  /** Medusa registers plugin services per request scope by default; the counters must live as long as the process. */
  static LIFE_TIME = Lifetime.SINGLETON

  constructor(container: InjectedDependencies, options: PosPluginOptions = {}) {
    let lastLogged = 0
    super({
      redisUrl: options.redisUrl,
      redisNamespace: options.redisNamespace,
      onError: (e) => {
        // Redis trouble repeats on every reconnect attempt: log it once a minute.
        if (Date.now() - lastLogged > ERROR_LOG_INTERVAL_MS) {
          lastLogged = Date.now()
          container.logger.warn(`POS miss limiter: Redis unavailable, counting in memory (${e.message})`)
        }
      },
    })
  }
}
