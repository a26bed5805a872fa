import Redis from "ioredis"
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible"

export type MissLimiterOptions = {
  /** Redis shared by all instances; in-memory counters (per process) without it. */
  redisUrl?: string
  /** Prefix of the Redis keys (the deployment's namespace). */
  redisNamespace?: string
  /** Misses allowed per terminal key within the window (POS_MISSES_PER_KEY, default 25). */
  missesPerKey?: number
  /** Misses allowed per client IP, for calls without a valid key, within the window (POS_MISSES_PER_IP, default 100). */
  missesPerIp?: number
  /** Window and block duration in seconds (POS_MISS_WINDOW_S, default 300). */
  window_s?: number
  /** Receives Redis trouble; the limiter falls back to in-memory counters meanwhile. */
  onError?: (e: Error) => void
}

/** Whom a miss is counted against: a terminal (valid key) or, for calls without one, a client IP. */
export type MissSubject = { key?: string | null; ip?: string | null }

const DEFAULT_MISSES_PER_KEY = 25
const DEFAULT_MISSES_PER_IP = 100
const DEFAULT_WINDOW_S = 300
/** How long the first calls wait for a new Redis connection before counting in memory instead. */
const REDIS_READY_WAIT_MS = 2000

function envInt(name: string): number | undefined {
  const raw = process.env[name]
  const value = raw ? Number(raw) : NaN
  return Number.isInteger(value) && value > 0 ? value : undefined
}

/**
 * Enumeration defence: misses (answers that tell a guesser whether a code
 * exists) are counted per subject, and a subject over its limit is blocked for
 * the window. Callers pass one subject: the terminal for a call with a valid
 * key (so tills sharing an address never block one another), the client IP
 * for a call without one (bad keys, public code lookups). See decision 50.
 */
export class MissLimiter {
  readonly missesPerKey: number
  readonly missesPerIp: number
  readonly window_s: number
  protected readonly perKey_: RateLimiterAbstract
  protected readonly perIp_: RateLimiterAbstract
  protected readonly redis_: Redis | null
  /** Settles once Redis is connected (or after REDIS_READY_WAIT_MS): counts made before would land in the in-memory insurance and be lost to Redis. */
  protected readonly ready_: Promise<void>

  constructor(opts: MissLimiterOptions = {}) {
    this.missesPerKey = envInt("POS_MISSES_PER_KEY") ?? opts.missesPerKey ?? DEFAULT_MISSES_PER_KEY
    this.missesPerIp = envInt("POS_MISSES_PER_IP") ?? opts.missesPerIp ?? DEFAULT_MISSES_PER_IP
    this.window_s = envInt("POS_MISS_WINDOW_S") ?? opts.window_s ?? DEFAULT_WINDOW_S
    const prefix = `${opts.redisNamespace ?? "cm"}:pos-miss`
    const common = { duration: this.window_s, blockDuration: this.window_s }
    const memory = (name: string, points: number) =>
      new RateLimiterMemory({ ...common, points, keyPrefix: `${prefix}:${name}` })

    if (opts.redisUrl) {
      // Fail fast while Redis is away: the in-memory insurance limiter counts meanwhile.
      this.redis_ = new Redis(opts.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
      this.redis_.on("error", (e: Error) => opts.onError?.(e))
      const client = this.redis_
      this.ready_ = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, REDIS_READY_WAIT_MS)
        timer.unref()
        client.once("ready", () => {
          clearTimeout(timer)
          resolve()
        })
      })
      const redis = (name: string, points: number) =>
        new RateLimiterRedis({
          ...common,
          points,
          storeClient: this.redis_,
          keyPrefix: `${prefix}:${name}`,
          insuranceLimiter: memory(name, points),
        })
      this.perKey_ = redis("key", this.missesPerKey)
      this.perIp_ = redis("ip", this.missesPerIp)
    } else {
      this.redis_ = null
      this.ready_ = Promise.resolve()
      this.perKey_ = memory("key", this.missesPerKey)
      this.perIp_ = memory("ip", this.missesPerIp)
    }
  }

  /**
   * Seconds until the subject may try again when it is blocked, else null.
   * Either part being blocked blocks the call.
   */
  async retryAfter(subject: MissSubject): Promise<number | null> {
    await this.ready_
    const checks: Promise<number | null>[] = []
    if (subject.key) {
      checks.push(blockedFor(this.perKey_, subject.key, this.missesPerKey))
    }
    if (subject.ip) {
      checks.push(blockedFor(this.perIp_, subject.ip, this.missesPerIp))
    }
    const results = (await Promise.all(checks)).filter((s): s is number => s !== null)
    return results.length ? Math.max(...results) : null
  }

  /**
   * Counts one miss against the key and the IP. Returns the seconds to wait when
   * this miss took either over its limit (counting is atomic, so in a burst of
   * concurrent misses exactly those past the limit see it), else null.
   */
  async miss(subject: MissSubject): Promise<number | null> {
    await this.ready_
    const consumes: Promise<number | null>[] = []
    if (subject.key) {
      consumes.push(consume(this.perKey_, subject.key))
    }
    if (subject.ip) {
      consumes.push(consume(this.perIp_, subject.ip))
    }
    const results = (await Promise.all(consumes)).filter((s): s is number => s !== null)
    return results.length ? Math.max(...results) : null
  }

  /**
   * The Redis key holding a terminal key's miss counter, for reading it together with
   * other values in one round trip; null without Redis (nothing to read there).
   */
  counterKeyOf(terminalId: string): string | null {
    return this.redis_ ? this.perKey_.getKey(terminalId) : null
  }

  /**
   * Whether a terminal key's counter value, read from `counterKeyOf`, means it is
   * blocked now: the same test as `retryAfter` (consumed points over the limit; a
   * block keeps the counter over it until the block ends). Ask `retryAfter` for the
   * seconds to wait.
   */
  keyCounterBlocks(value: string | null): boolean {
    return value !== null && Number.parseInt(value, 10) > this.missesPerKey
  }

  /** Forgets the counters of a subject (after an operator unblocks it, and in tests). */
  async reset(subject: MissSubject): Promise<void> {
    await this.ready_
    await Promise.all([
      subject.key ? this.perKey_.delete(subject.key) : null,
      subject.ip ? this.perIp_.delete(subject.ip) : null,
    ])
  }

  async close(): Promise<void> {
    await this.redis_?.quit().catch(() => undefined)
  }
}

async function blockedFor(limiter: RateLimiterAbstract, subject: string, points: number): Promise<number | null> {
  const res = await limiter.get(subject)
  if (res && res.consumedPoints > points) {
    return Math.max(1, Math.ceil(res.msBeforeNext / 1000))
  }
  return null
}

/** consume() rejects with a RateLimiterRes once over the limit: the block starting, not an error. */
async function consume(limiter: RateLimiterAbstract, subject: string): Promise<number | null> {
  try {
    await limiter.consume(subject)
    return null
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      return Math.max(1, Math.ceil(e.msBeforeNext / 1000))
    }
    throw e
  }
}
