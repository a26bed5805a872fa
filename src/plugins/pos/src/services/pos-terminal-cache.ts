import type { Logger } from "@medusajs/medusa"
import { Lifetime } from "awilix"
import Redis from "ioredis"

import type { PosPluginOptions } from "../types"
import type { AuthenticatedTerminal } from "./pos-terminal"

type InjectedDependencies = {
  logger: Logger
}

/** A cached key is trusted at most this long, even when no revocation was announced (safety net). */
export const TERMINAL_CACHE_TTL_MS = 30_000
/** A terminal's last_seen_at is written at most this often (per instance; the UPDATE itself guards across instances). */
export const TOUCH_INTERVAL_MS = 60_000
const MAX_ENTRIES = 10_000
const ERROR_LOG_INTERVAL_MS = 60_000

type Entry = { terminal: AuthenticatedTerminal; generation: string; loaded_at_ms: number }

/**
 * Terminal keys held in the process, `posTerminalCacheService` (a singleton).
 *
 * Exact on every instance: each revocation bumps a generation counter (in Redis
 * when the plugin has `redisUrl`, shared by every instance; in the process
 * without Redis, where there is only one). A cached key is used only when it
 * was loaded under the generation that is current now, so the first call after
 * a revocation anywhere reads the database again. When Redis cannot be asked,
 * nothing cached is trusted. One GET per call instead of a database round trip,
 * and on the hot path that GET also brings the key's miss counter (`cachedWith`).
 *
 * Also remembers when each terminal was last touched, so last_seen_at costs a
 * round trip at most once a minute per terminal.
 */
export default class PosTerminalCacheService {
  static LIFE_TIME = Lifetime.SINGLETON

  protected readonly redis_: Redis | null
  protected readonly generationKey_: string
  protected readonly logger_: Logger
  protected localGeneration_ = 0
  protected readonly entries_ = new Map<string, Entry>()
  protected readonly touched_ = new Map<string, number>()
  protected lastLogged_ms_ = 0

  constructor(container: InjectedDependencies, options: PosPluginOptions = {}) {
    this.logger_ = container.logger
    this.generationKey_ = `${options.redisNamespace ?? "cm"}:pos-terminal-generation`
    if (options.redisUrl) {
      this.redis_ = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
      this.redis_.on("error", (e: Error) => this.warn_(`POS terminal cache: Redis unavailable, reading keys from the database (${e.message})`))
    } else {
      this.redis_ = null
    }
  }

  /** The generation in force now; null when it cannot be known (then the database decides). */
  async generation(): Promise<string | null> {
    if (!this.redis_) {
      return String(this.localGeneration_)
    }
    try {
      return (await this.redis_.get(this.generationKey_)) ?? "0"
    } catch {
      return null
    }
  }

  /**
   * For the hot path: the terminal cached for a key hash, with the generation and one
   * more Redis value (`alsoRead(terminalId)`, the key's miss counter) read in one round
   * trip (MGET). `extra` is undefined when it was not read (nothing cached, no Redis,
   * or Redis failing); the caller then asks for it the usual way.
   */
  async cachedWith(
    keyHash: string,
    alsoRead: (terminalId: string) => string | null
  ): Promise<{ generation: string | null; terminal: AuthenticatedTerminal | null; extra: string | null | undefined }> {
    const entry = this.entries_.get(keyHash)
    const extraKey = entry && this.redis_ ? alsoRead(entry.terminal.id) : null
    if (!entry || extraKey === null || !this.redis_) {
      const generation = await this.generation()
      return { generation, terminal: this.get(keyHash, generation), extra: undefined }
    }
    let values: (string | null)[]
    try {
      values = await this.redis_.mget(this.generationKey_, extraKey)
    } catch {
      return { generation: null, terminal: null, extra: undefined }
    }
    const generation = values[0] ?? "0"
    const terminal = this.get(keyHash, generation)
    return { generation, terminal, extra: terminal ? values[1] : undefined }
  }

  /** The terminal cached for a key hash under this generation, if still fresh. */
  get(keyHash: string, generation: string | null): AuthenticatedTerminal | null {
    const entry = this.entries_.get(keyHash)
    if (!entry || generation === null || entry.generation !== generation || Date.now() - entry.loaded_at_ms > TERMINAL_CACHE_TTL_MS) {
      return null
    }
    return entry.terminal
  }

  /** Remembers a terminal read from the database under the generation read before that read. */
  set(keyHash: string, terminal: AuthenticatedTerminal, generation: string | null): void {
    if (generation === null) {
      return
    }
    if (this.entries_.size >= MAX_ENTRIES) {
      this.entries_.delete(this.entries_.keys().next().value as string)
    }
    this.entries_.set(keyHash, { terminal, generation, loaded_at_ms: Date.now() })
  }

  /**
   * Makes every instance read keys from the database again; call it after a
   * revocation has been committed. Throws when Redis cannot be told (the
   * other instances then stop trusting their copies within the TTL at the latest).
   */
  async invalidate(): Promise<void> {
    this.entries_.clear()
    this.localGeneration_++
    if (this.redis_) {
      await this.redis_.incr(this.generationKey_)
    }
  }

  /** Whether last_seen_at is due for this terminal (and notes that it is being written now). */
  shouldTouch(terminalId: string): boolean {
    const now = Date.now()
    const last = this.touched_.get(terminalId)
    if (last !== undefined && now - last < TOUCH_INTERVAL_MS) {
      return false
    }
    if (this.touched_.size >= MAX_ENTRIES) {
      this.touched_.clear()
    }
    this.touched_.set(terminalId, now)
    return true
  }

  async shutdown(): Promise<void> {
    await this.redis_?.quit().catch(() => undefined)
  }

  protected warn_(message: string): void {
    if (Date.now() - this.lastLogged_ms_ > ERROR_LOG_INTERVAL_MS) {
      this.lastLogged_ms_ = Date.now()
      this.logger_.warn(message)
    }
  }
}
