import type { ConfigModule, Logger } from "@medusajs/medusa"
import { TransactionBaseService } from "@medusajs/medusa"
import { Lifetime } from "awilix"

import type { HealthReporter, ModuleHealth } from "@customer-modules/core"

import { BullJobQueue } from "../queue/bull-queue"
import { MemoryJobQueue } from "../queue/memory-queue"
import type { JobQueue, QueueDefinition } from "../queue/types"
import type { FailedJobDTO, JobsPluginOptions } from "../types"
import { resolveOptions, ResolvedJobsOptions } from "../utils/options"

type InjectedDependencies = {
  logger: Logger
  configModule: ConfigModule
}

type Registered = {
  queue: JobQueue<Record<string, unknown>>
  keyOf: (data: Record<string, unknown>) => string | null
  onRetry?: (data: Record<string, unknown>) => Promise<void>
}

const MAX_FAILED_LISTED = 200
const SHUTDOWN_TIMEOUT_MS = 10_000

let warned = false

/**
 * The queues of the pipeline (mail, document, schedule): BullMQ on the
 * configured Redis, or in-process queues with the same semantics when there is
 * none. Workers consume in Medusa's `worker` and `shared` modes only; a
 * `server` instance only produces.
 */
export default class JobQueueService extends TransactionBaseService implements HealthReporter {
  /** One instance per process: it owns queues, connections and registered handlers. */
  static readonly LIFE_TIME = Lifetime.SINGLETON
  protected readonly logger_: Logger
  protected readonly options_: ResolvedJobsOptions
  protected readonly workerMode_: string
  protected readonly queues_ = new Map<string, Registered>()
  protected workersStarted_ = false
  protected closing_: Promise<void> | null = null

  constructor(container: InjectedDependencies, options: JobsPluginOptions) {
    super(container)
    this.logger_ = container.logger
    this.options_ = resolveOptions(options)
    this.workerMode_ = container.configModule?.projectConfig?.worker_mode ?? "shared"
    if (!this.options_.redisUrl && !warned) {
      warned = true
      this.logger_.warn(
        "[jobs] No Redis configured: mail and PDF jobs run in this process from an in-memory queue " +
          "(same retries and job ids; queued mails are picked up again from the database after a restart). Not for production."
      )
    }
  }

  get options(): ResolvedJobsOptions {
    return this.options_
  }

  /** True when this process consumes jobs: no Redis (in-process), or Medusa's worker_mode `worker`/`shared`. */
  get consumes(): boolean {
    return !this.options_.redisUrl || this.workerMode_ !== "server"
  }

  /** Declares a queue and its handler (once per name); returns the queue to add jobs to. */
  define<T extends Record<string, unknown>>(
    def: QueueDefinition<T> & { keyOf: (data: T) => string | null; onRetry?: (data: T) => Promise<void> }
  ): JobQueue<T> {
    const existing = this.queues_.get(def.name)
    if (existing) {
      return existing.queue as unknown as JobQueue<T>
    }
    const onError = (e: Error) => this.warnOnce_(`[jobs] ${e.message}`)
    const queue: JobQueue<T> = this.options_.redisUrl
      ? new BullJobQueue<T>(def, this.options_.redisUrl, `${this.options_.namespace}-jobs-${def.name}`, onError)
      : new MemoryJobQueue<T>(def, onError)
    this.queues_.set(def.name, {
      queue: queue as unknown as JobQueue<Record<string, unknown>>,
      keyOf: def.keyOf as Registered["keyOf"],
      onRetry: def.onRetry as Registered["onRetry"],
    })
    if (this.workersStarted_) {
      queue.startWorker()
    }
    return queue
  }

  protected readonly warned_ = new Map<string, number>()

  /** A lost Redis makes every worker report every reconnect attempt: each distinct text once a minute. */
  protected warnOnce_(message: string): void {
    const now = Date.now()
    if ((this.warned_.get(message) ?? 0) > now - 60_000) {
      return
    }
    if (this.warned_.size > 100) {
      this.warned_.clear()
    }
    this.warned_.set(message, now)
    this.logger_.warn(message)
  }

  /** Starts the workers of every queue, now and as queues are defined later, when this process consumes. */
  startWorkers(): boolean {
    if (!this.consumes || this.workersStarted_) {
      return this.workersStarted_
    }
    this.workersStarted_ = true
    for (const { queue } of this.queues_.values()) {
      queue.startWorker()
    }
    return true
  }

  /** Jobs that used up their attempts (or failed permanently), newest first, across queues. */
  async listFailed(): Promise<FailedJobDTO[]> {
    const lists = await Promise.all(
      [...this.queues_.entries()].map(async ([name, r]) =>
        (await r.queue.listFailed(MAX_FAILED_LISTED)).map((j) => ({
          id: j.id,
          queue: name as FailedJobDTO["queue"],
          key: r.keyOf(j.data),
          attempts: j.attempts,
          failed_reason: j.failed_reason,
          failed_at: j.failed_at,
        }))
      )
    )
    return lists.flat().sort((a, b) => (b.failed_at?.getTime() ?? 0) - (a.failed_at?.getTime() ?? 0))
  }

  /** Puts a failed job back in its queue with fresh attempts; null when no failed job has this id. */
  async retry(id: string): Promise<FailedJobDTO | null> {
    for (const [name, r] of this.queues_) {
      const failed = await r.queue.listFailed(MAX_FAILED_LISTED).then((l) => l.find((j) => j.id === id))
      if (!failed) {
        continue
      }
      await r.onRetry?.(failed.data)
      const retried = await r.queue.retry(id)
      if (retried) {
        return { id, queue: name as FailedJobDTO["queue"], key: r.keyOf(retried.data), attempts: retried.attempts, failed_reason: retried.failed_reason, failed_at: retried.failed_at }
      }
    }
    return null
  }

  /** Stops taking jobs, lets running ones finish (bounded), closes queues and connections. Idempotent. */
  close(): Promise<void> {
    this.closing_ ??= (async () => {
      const all = Promise.all([...this.queues_.values()].map((r) => r.queue.close().catch(() => undefined)))
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, SHUTDOWN_TIMEOUT_MS)
        timer.unref()
      })
      await Promise.race([all, timeout])
      clearTimeout(timer)
    })()
    return this.closing_
  }

  async health(): Promise<ModuleHealth> {
    if (!this.options_.redisUrl) {
      return { status: "ok", detail: "in-process queues (no Redis)" }
    }
    try {
      await Promise.all([...this.queues_.values()].map((r) => r.queue.ping()))
      return { status: "ok" }
    } catch (e) {
      return { status: "failing", detail: `queue Redis: ${(e as Error).message}` }
    }
  }
}
