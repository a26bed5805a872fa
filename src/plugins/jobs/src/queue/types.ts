/** What a handler learns about the run it is in. */
export type JobRun = {
  id: string
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number
  maxAttempts: number
}

export type JobHandler<T> = (data: T, run: JobRun) => Promise<void>

export type QueueDefinition<T> = {
  /** Short name: `mail`, `document`, `schedule`. */
  name: string
  attempts: number
  /** First retry delay; doubled at every attempt. */
  backoff_ms: number
  concurrency: number
  handler: JobHandler<T>
}

export type FailedJob<T = unknown> = {
  id: string
  data: T
  attempts: number
  failed_reason: string | null
  failed_at: Date | null
}

/** One queue, BullMQ-backed or in-process, with the same semantics. */
export interface JobQueue<T> {
  readonly name: string
  /** Adds a job unless one with this id exists (any state but removed): returns false then. */
  add(id: string, data: T): Promise<boolean>
  /** Starts consuming (a worker). */
  startWorker(): void
  listFailed(limit: number): Promise<FailedJob<T>[]>
  /** Moves a failed job back to waiting; null when no failed job has this id. */
  retry(id: string): Promise<FailedJob<T> | null>
  /** Adds or replaces a repeatable job under `name` (the scheduler id). */
  upsertRepeat(name: string, cron: string, data: T): Promise<void>
  /** Stops taking jobs and waits for running ones, then disconnects. */
  close(): Promise<void>
  ping(): Promise<void>
  /** Called whenever the queue's connection comes back after it was lost (BullMQ only). */
  onReconnect?(fn: () => void): void
}

/** The queue's Redis is away: the job was not added (its row stays queued and is added again later). */
export class QueueUnavailableError extends Error {
  override readonly name = "QueueUnavailableError"
}

/** Thrown (or a subclass) when retrying cannot help: the job fails at once. */
export class PermanentJobError extends Error {
  override readonly name = "UnrecoverableError"
}

export function isPermanent(e: unknown): boolean {
  return (e as Error | undefined)?.name === "UnrecoverableError"
}

/** Delay before retry number `attempt` (1-based attempt that failed): base·2^(attempt−1). */
export function backoffDelay(base_ms: number, failedAttempt: number): number {
  return base_ms * 2 ** Math.max(0, failedAttempt - 1)
}
