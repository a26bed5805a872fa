import { TransactionBaseService } from "@medusajs/medusa"
import type { Logger } from "@medusajs/medusa"
import { Lifetime } from "awilix"
import cronParser from "cron-parser"
import type { EntityManager } from "typeorm"

import { DomainError } from "@customer-modules/core"

import { JobSchedule } from "../models/job-schedule"
import type { JobQueue } from "../queue/types"
import type { ScheduleDTO } from "../types"
import type JobQueueService from "./job-queue"
import { errorText } from "../utils/errors"


type InjectedDependencies = {
  manager: EntityManager
  logger: Logger
  jobQueueService: JobQueueService
}

/** What a recurring job receives: the instant it runs for (a test or merchant may pass another). */
export type ScheduleContext = { name: string; now: Date }
export type ScheduleHandler = (ctx: ScheduleContext) => Promise<unknown>

export type ScheduleRun = {
  name: string
  status: "ok" | "failed"
  now: Date
  started_at: Date
  duration_ms: number
  result: unknown
  error: string | null
}

type ScheduleJob = { name: string }

const NAME = /^[a-z0-9][a-z0-9._-]{0,79}$/

/**
 * Recurring jobs for every plugin: `register(name, cron, handler)` at load
 * time; the runs come from a BullMQ job scheduler (one run per tick across all
 * instances, consumed by workers) or, without Redis, from an in-process timer.
 * `run(name, now)` triggers one run on demand.
 */
export default class ScheduleService extends TransactionBaseService {
  /** One instance per process: it owns queues, connections and registered handlers. */
  static readonly LIFE_TIME = Lifetime.SINGLETON
  protected readonly logger_: Logger
  protected readonly handlers_ = new Map<string, { cron: string; handler: ScheduleHandler }>()
  protected readonly queue_: JobQueue<ScheduleJob>

  constructor(container: InjectedDependencies) {
    super(container)
    this.logger_ = container.logger
    this.queue_ = container.jobQueueService.define<ScheduleJob>({
      name: "schedule",
      attempts: 1,
      backoff_ms: container.jobQueueService.options.backoff_ms,
      concurrency: 1,
      handler: async (data) => {
        const run = await this.run(data.name)
        if (run.status === "failed") {
          throw new Error(run.error ?? "failed")
        }
      },
      keyOf: (data) => data.name,
    })
  }

  /**
   * Registers a recurring job. `name`: lower case, digits, `.`, `_`, `-`
   * (e.g. `debtor.monthly-statements`); `cron`: five or six fields
   * (`0 6 1 * *`). Registering a name again replaces its cron and handler.
   */
  register(name: string, cron: string, handler: ScheduleHandler): void {
    if (!NAME.test(name)) {
      throw new Error(`schedule name "${name}" must match ${NAME}`)
    }
    cronParser.parseExpression(cron) // throws on a bad expression
    this.handlers_.set(name, { cron, handler })
    void this.persist_(name, cron).catch((e) => this.logger_.warn(`[jobs] schedule ${name} not registered: ${errorText(e)}`))
  }

  /** Every registered schedule with its next and last run. */
  async list(): Promise<ScheduleDTO[]> {
    const rows = await this.activeManager_.getRepository(JobSchedule).find()
    const byName = new Map(rows.map((r) => [r.name, r]))
    return [...this.handlers_.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, { cron }]) => {
        const row = byName.get(name)
        return {
          name,
          cron,
          next_run_at: nextRun(cron),
          last_run_at: row?.last_run_at ?? null,
          last_status: (row?.last_status as ScheduleDTO["last_status"]) ?? null,
          last_error: row?.last_error ?? null,
          last_duration_ms: row?.last_duration_ms ?? null,
        }
      })
  }

  /** Runs a schedule's handler once now (for `now`, default the current time) and records the run; 404 for an unknown name. */
  async run(name: string, now: Date = new Date()): Promise<ScheduleRun> {
    const entry = this.handlers_.get(name)
    if (!entry) {
      throw new DomainError("not_found", `No schedule is registered as ${name}`, 404)
    }
    const started = new Date()
    let result: unknown = null
    let error: string | null = null
    try {
      result = (await entry.handler({ name, now })) ?? null
    } catch (e) {
      error = errorText(e)
      this.logger_.warn(`[jobs] schedule ${name} failed: ${error}`)
    }
    const duration_ms = Date.now() - started.getTime()
    await this.manager_
      .getRepository(JobSchedule)
      .upsert({ name, cron: entry.cron, last_run_at: started, last_status: error ? "failed" : "ok", last_error: error, last_duration_ms: duration_ms }, ["name"])
    return { name, status: error ? "failed" : "ok", now, started_at: started, duration_ms, result, error }
  }

  protected async persist_(name: string, cron: string): Promise<void> {
    await this.manager_
      .createQueryBuilder()
      .insert()
      .into(JobSchedule)
      .values({ name, cron })
      .orUpdate(["cron"], ["name"])
      .execute()
    await this.queue_.upsertRepeat(name, cron, { name })
  }
}

function nextRun(cron: string): Date | null {
  try {
    return cronParser.parseExpression(cron).next().toDate()
  } catch {
    return null
  }
}
