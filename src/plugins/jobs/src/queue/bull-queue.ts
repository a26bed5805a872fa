import { Job, Queue, UnrecoverableError, Worker } from "bullmq"
import type { ConnectionOptions } from "bullmq"
import Redis from "ioredis"

import type { FailedJob, JobQueue, QueueDefinition } from "./types"
import { isPermanent, QueueUnavailableError } from "./types"

const KEEP_COMPLETED = { count: 1000, age: 7 * 24 * 3600 }
const KEEP_FAILED = { count: 5000, age: 30 * 24 * 3600 }

/**
 * A BullMQ queue with every option explicit: job id from the business key,
 * attempts, exponential backoff, bounded retention. The producer connection
 * fails fast (no offline queue); the worker's waits for Redis.
 */
export class BullJobQueue<T> implements JobQueue<T> {
  readonly name: string
  protected readonly queue_: Queue
  protected readonly producer_: Redis
  protected worker_: Worker | null = null
  protected workerConnection_: Redis | null = null
  protected wasReady_ = false
  protected readonly onReconnect_: (() => void)[] = []

  constructor(
    protected readonly def_: QueueDefinition<T>,
    protected readonly redisUrl_: string,
    protected readonly queueName_: string,
    protected readonly onWorkerError_: (e: Error) => void
  ) {
    this.name = def_.name
    this.producer_ = new Redis(redisUrl_, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    this.producer_.on("error", () => undefined) // reported by health()
    this.producer_.on("ready", () => {
      if (this.wasReady_) {
        this.onReconnect_.forEach((fn) => fn())
      }
      this.wasReady_ = true
    })
    this.queue_ = new Queue(queueName_, {
      // bullmq brings its own ioredis copy; it accepts any ioredis instance (duck-typed).
      connection: this.producer_ as unknown as ConnectionOptions,
      defaultJobOptions: {
        attempts: def_.attempts,
        backoff: { type: "exponential", delay: def_.backoff_ms },
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
      },
    })
    this.queue_.on("error", () => undefined)
  }

  async add(id: string, data: T): Promise<boolean> {
    await this.ready_()
    const existing = await this.queue_.getJob(id)
    if (existing) {
      return false
    }
    await this.queue_.add(this.name, data, { jobId: id })
    return true
  }

  startWorker(): void {
    if (this.worker_) {
      return
    }
    this.workerConnection_ = new Redis(this.redisUrl_, { maxRetriesPerRequest: null })
    this.worker_ = new Worker(
      this.queueName_,
      async (job: Job) => {
        const run = { id: job.id ?? "", attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? this.def_.attempts }
        try {
          await this.def_.handler(job.data as T, run)
        } catch (e) {
          throw isPermanent(e) ? new UnrecoverableError((e as Error).message) : e
        }
      },
      { connection: this.workerConnection_ as unknown as ConnectionOptions, concurrency: this.def_.concurrency, autorun: true }
    )
    this.worker_.on("error", this.onWorkerError_)
  }

  async listFailed(limit: number): Promise<FailedJob<T>[]> {
    const jobs = await this.queue_.getFailed(0, limit - 1)
    return jobs.filter(Boolean).map((j) => toFailed<T>(j))
  }

  async retry(id: string): Promise<FailedJob<T> | null> {
    const job = await this.queue_.getJob(id)
    if (!job || !(await job.isFailed())) {
      return null
    }
    const failed = toFailed<T>(job)
    await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true })
    return failed
  }

  async upsertRepeat(name: string, cron: string, data: T): Promise<void> {
    await this.ready_()
    await this.queue_.upsertJobScheduler(name, { pattern: cron }, { name: this.name, data, opts: { attempts: 1 } })
  }

  async close(): Promise<void> {
    // Workers first (they finish running jobs), then the queue and its connection.
    await this.worker_?.close()
    await this.queue_.close()
    this.workerConnection_?.disconnect()
    this.producer_.disconnect()
  }

  async ping(): Promise<void> {
    await this.ready_()
    await this.producer_.ping()
  }

  onReconnect(fn: () => void): void {
    this.onReconnect_.push(fn)
  }

  /**
   * With no offline queue, commands fail until the first connect: wait for it
   * (bounded). Once connected, a lost connection fails at once: the caller's
   * row is the outbox, and the relay adds the job when Redis is back.
   */
  protected async ready_(): Promise<void> {
    const status = (): string => this.producer_.status
    if (status() === "ready") {
      return
    }
    if (this.wasReady_) {
      throw new QueueUnavailableError(`Redis is not reachable (${status()})`)
    }
    if (status() === "wait") {
      await this.producer_.connect().catch(() => undefined)
    }
    if (status() !== "ready") {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new QueueUnavailableError(`Redis is not reachable (${this.producer_.status})`)), 5_000)
        this.producer_.once("ready", () => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }
}

function toFailed<T>(j: Job): FailedJob<T> {
  return {
    id: j.id ?? "",
    data: j.data as T,
    attempts: j.attemptsMade,
    failed_reason: j.failedReason ?? null,
    failed_at: j.finishedOn ? new Date(j.finishedOn) : null,
  }
}
