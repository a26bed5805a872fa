import cronParser from "cron-parser"

import type { FailedJob, JobQueue, QueueDefinition } from "./types"
import { backoffDelay, isPermanent } from "./types"

type State = "waiting" | "delayed" | "active" | "completed" | "failed"
type MemoryJob<T> = {
  id: string
  data: T
  state: State
  attemptsMade: number
  failedReason: string | null
  finishedAt: Date | null
  timer: NodeJS.Timeout | null
}

const KEEP_COMPLETED = 1000

/**
 * The in-process stand-in for a BullMQ queue when there is no Redis: the same
 * handlers, job ids (a second add with the same id is ignored), attempts,
 * exponential backoff, failed list and retry. Nothing survives a restart; the
 * mail and document tables do, and stale queued rows are re-enqueued at start.
 */
export class MemoryJobQueue<T> implements JobQueue<T> {
  readonly name: string
  protected readonly jobs_ = new Map<string, MemoryJob<T>>()
  protected readonly ready_: string[] = []
  protected readonly repeats_ = new Map<string, NodeJS.Timeout>()
  protected running_ = 0
  protected started_ = false
  protected closing_ = false
  protected idle_: (() => void)[] = []

  constructor(protected readonly def_: QueueDefinition<T>, protected readonly onError_: (e: Error) => void) {
    this.name = def_.name
  }

  async add(id: string, data: T): Promise<boolean> {
    if (this.jobs_.has(id)) {
      return false
    }
    this.jobs_.set(id, { id, data, state: "waiting", attemptsMade: 0, failedReason: null, finishedAt: null, timer: null })
    this.ready_.push(id)
    this.pump_()
    return true
  }

  startWorker(): void {
    this.started_ = true
    this.pump_()
  }

  async listFailed(limit: number): Promise<FailedJob<T>[]> {
    return [...this.jobs_.values()]
      .filter((j) => j.state === "failed")
      .sort((a, b) => (b.finishedAt?.getTime() ?? 0) - (a.finishedAt?.getTime() ?? 0))
      .slice(0, limit)
      .map((j) => ({ id: j.id, data: j.data, attempts: j.attemptsMade, failed_reason: j.failedReason, failed_at: j.finishedAt }))
  }

  async retry(id: string): Promise<FailedJob<T> | null> {
    const job = this.jobs_.get(id)
    if (!job || job.state !== "failed") {
      return null
    }
    const failed = { id, data: job.data, attempts: job.attemptsMade, failed_reason: job.failedReason, failed_at: job.finishedAt }
    Object.assign(job, { state: "waiting", attemptsMade: 0, failedReason: null, finishedAt: null })
    this.ready_.push(id)
    this.pump_()
    return failed
  }

  async upsertRepeat(name: string, cron: string, data: T): Promise<void> {
    clearTimeout(this.repeats_.get(name))
    const arm = () => {
      const next = cronParser.parseExpression(cron, { currentDate: new Date() }).next().getTime()
      // setTimeout holds at most ~24.8 days; re-arm on the way for longer gaps.
      const delay = Math.min(next - Date.now(), 2 ** 31 - 1)
      const timer = setTimeout(() => {
        if (Date.now() + 5 >= next) {
          void this.add(`${name}-${next}`, data)
        }
        arm()
      }, Math.max(0, delay))
      timer.unref()
      this.repeats_.set(name, timer)
    }
    arm()
  }

  async close(): Promise<void> {
    this.closing_ = true
    for (const timer of this.repeats_.values()) {
      clearTimeout(timer)
    }
    for (const job of this.jobs_.values()) {
      if (job.timer) {
        clearTimeout(job.timer)
      }
    }
    if (this.running_ > 0) {
      await new Promise<void>((resolve) => this.idle_.push(resolve))
    }
  }

  async ping(): Promise<void> {}

  protected pump_(): void {
    while (this.started_ && !this.closing_ && this.running_ < this.def_.concurrency && this.ready_.length) {
      const job = this.jobs_.get(this.ready_.shift() as string)
      if (job && (job.state === "waiting" || job.state === "delayed")) {
        void this.run_(job)
      }
    }
  }

  protected async run_(job: MemoryJob<T>): Promise<void> {
    this.running_++
    job.state = "active"
    const attempt = job.attemptsMade + 1
    try {
      await this.def_.handler(job.data, { id: job.id, attempt, maxAttempts: this.def_.attempts })
      job.attemptsMade = attempt
      job.state = "completed"
      job.finishedAt = new Date()
      this.trimCompleted_()
    } catch (e) {
      job.attemptsMade = attempt
      job.failedReason = (e as Error).message
      if (isPermanent(e) || attempt >= this.def_.attempts) {
        job.state = "failed"
        job.finishedAt = new Date()
      } else {
        job.state = "delayed"
        job.timer = setTimeout(() => {
          job.timer = null
          this.ready_.push(job.id)
          this.pump_()
        }, backoffDelay(this.def_.backoff_ms, attempt))
        job.timer.unref()
      }
      if (!isPermanent(e) && attempt < this.def_.attempts) {
        this.onError_(new Error(`${this.name} job ${job.id} attempt ${attempt} failed: ${(e as Error).message}`))
      }
    } finally {
      this.running_--
      if (this.running_ === 0) {
        this.idle_.splice(0).forEach((resolve) => resolve())
      }
      this.pump_()
    }
  }

  protected trimCompleted_(): void {
    const completed = [...this.jobs_.values()].filter((j) => j.state === "completed")
    for (const job of completed.slice(0, Math.max(0, completed.length - KEEP_COMPLETED))) {
      this.jobs_.delete(job.id)
    }
  }
}
