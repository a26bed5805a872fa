import type { Logger } from "@medusajs/medusa"
import type { AwilixContainer } from "awilix"

import { SETTLEMENT_QUEUE, SETTLEMENT_SCHEDULE } from "../services/checkout-settlement"
import type CheckoutSettlementService from "../services/checkout-settlement"
import type { SettlementQueue } from "../services/checkout-settlement"

/** Attempts of one settlement repair before it stands in the failed list. */
const REPAIR_ATTEMPTS = 5
/** The reconciliation looks for unsettled orders every 10 minutes. */
const RECONCILE_CRON = "*/10 * * * *"

/** What the ledger uses of the jobs plugin (structural: the ledger does not depend on it). */
type JobQueues = {
  options: { backoff_ms: number }
  define(def: {
    name: string
    attempts: number
    backoff_ms: number
    concurrency: number
    handler: (data: { order_id: string }) => Promise<void>
    keyOf: (data: { order_id: string }) => string | null
  }): SettlementQueue
}
type Schedules = { register(name: string, cron: string, handler: (ctx: { now: Date }) => Promise<unknown>): void }

/**
 * The repair of checkout settlements that failed after the order was placed
 * (decision 0067): a `settlement` job queue with retries, and a periodic
 * reconciliation, both from the jobs plugin when it is loaded.
 */
export default async function checkoutSettlement(container: AwilixContainer): Promise<void> {
  const settlements = container.resolve<CheckoutSettlementService>("checkoutSettlementService")
  let jobs: JobQueues
  let schedules: Schedules
  try {
    jobs = container.resolve<JobQueues>("jobQueueService")
    schedules = container.resolve<Schedules>("scheduleService")
  } catch {
    container.resolve<Logger>("logger").warn("[ledger] no jobs plugin: failed checkout settlements are only logged")
    return
  }
  settlements.useQueue(
    jobs.define({
      name: SETTLEMENT_QUEUE,
      attempts: REPAIR_ATTEMPTS,
      backoff_ms: jobs.options.backoff_ms,
      concurrency: 1,
      handler: (data) => settlements.settle(data.order_id),
      keyOf: (data) => data.order_id,
    })
  )
  schedules.register(SETTLEMENT_SCHEDULE, RECONCILE_CRON, async ({ now }) => settlements.reconcile(now))
}
