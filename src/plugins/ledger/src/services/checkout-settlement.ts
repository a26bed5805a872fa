import { TransactionBaseService } from "@medusajs/medusa"
import type { Logger } from "@medusajs/medusa"
import { Lifetime } from "awilix"
import type { EntityManager } from "typeorm"

import { isDomainError } from "@customer-modules/core"

import { CHECKOUT_PARTICIPANTS } from "../checkout"
import type { CheckoutParticipant } from "../checkout"

/** The queue of settlement repairs (the jobs plugin's failed list shows it by this name). */
export const SETTLEMENT_QUEUE = "settlement"
/** The periodic reconciliation; `POST /admin/jobs/schedules/ledger.checkout-settlements/run` runs it on demand. */
export const SETTLEMENT_SCHEDULE = "ledger.checkout-settlements"
/** Orders younger than this are left to their completion and its `order.placed` safety nets. */
export const SETTLE_GRACE_MS = 2 * 60_000
/** How far back the reconciliation looks (older failures are in the failed list already). */
export const RECONCILE_WINDOW_MS = 30 * 24 * 3600_000
/** Orders repaired in one reconciliation run at most. */
export const RECONCILE_LIMIT = 200

/** What this service needs of the jobs plugin's queue (structural: the ledger does not depend on the jobs plugin). */
export type SettlementQueue = { add(id: string, data: { order_id: string }): Promise<boolean> }

export type ReconcileResult = { unsettled: number; repaired: string[]; failed: string[] }

type InjectedDependencies = {
  manager: EntityManager
  logger: Logger
  [CHECKOUT_PARTICIPANTS]?: CheckoutParticipant[]
}

/**
 * Repairs settlements that a cart completion could not make. The ledger's
 * cart-completion strategy settles every participant (vouchers, loyalty
 * points) under its locks right after Medusa commits the order; if that
 * fails, the customer still gets the order and the order is queued here
 * (`queueRepair`): a job of the `settlement` queue retries with backoff and,
 * when its attempts are used up, stands in the jobs plugin's failed list
 * (visible to the merchant on the "Mail & documents" page, with a retry
 * button). A periodic reconciliation (`reconcile`) asks each participant for
 * placed orders whose settlement is still missing and repairs them, so an
 * order whose repair could not even be queued (Redis away, a crash) is
 * found too (decision 0067).
 */
export default class CheckoutSettlementService extends TransactionBaseService {
  /** One instance per process: it holds the queue the loader defined. */
  static readonly LIFE_TIME = Lifetime.SINGLETON
  protected readonly logger_: Logger
  protected readonly container_: InjectedDependencies
  protected queue_: SettlementQueue | null = null

  constructor(container: InjectedDependencies) {
    super(container)
    this.logger_ = container.logger
    this.container_ = container
  }

  /** The queue repairs go to (set by the ledger's loader when the jobs plugin is there). */
  useQueue(queue: SettlementQueue): void {
    this.queue_ = queue
  }

  /**
   * Settles a placed order with every participant (each in a transaction of
   * its own, idempotent); a cancelled or unknown order has nothing to settle.
   * Throws when any participant failed, after trying all of them.
   */
  async settle(orderId: string): Promise<void> {
    const [order]: { status: string }[] = await this.manager_.query(`SELECT status FROM "order" WHERE id = $1`, [orderId])
    if (!order || order.status === "canceled") {
      return
    }
    const failures: string[] = []
    for (const participant of this.participants_()) {
      if (!participant.settlePlacedOrder) {
        continue
      }
      try {
        await participant.settlePlacedOrder(orderId)
      } catch (e) {
        failures.push(reasonOf(e))
      }
    }
    if (failures.length) {
      throw new Error(`settling order ${orderId} failed: ${failures.join("; ")}`)
    }
  }

  /**
   * Called when a completion placed the order but could not settle it: the
   * repair is queued (job id from the order, so once per order). Never
   * throws: the customer's order stands; without a queue the periodic
   * reconciliation finds the order.
   */
  async queueRepair(orderId: string, cause?: unknown): Promise<boolean> {
    this.logger_.warn(`[ledger] order ${orderId} was placed but its checkout settlement failed (${reasonOf(cause)}); repair queued`)
    if (!this.queue_) {
      this.logger_.warn(`[ledger] no job queue: order ${orderId} waits for the ${SETTLEMENT_SCHEDULE} reconciliation`)
      return false
    }
    try {
      return await this.queue_.add(`${SETTLEMENT_QUEUE}-${orderId}`, { order_id: orderId })
    } catch (e) {
      this.logger_.error(`[ledger] queueing the settlement repair of order ${orderId} failed (${reasonOf(e)}); the reconciliation will find it`)
      return false
    }
  }

  /**
   * The periodic reconciliation: every order placed in the last 30 days (and
   * more than 2 minutes before `now`) whose settlement a participant still
   * misses is settled now; one that still fails gets a repair job (and so a
   * place in the failed list once its attempts are used up).
   */
  async reconcile(now: Date = new Date()): Promise<ReconcileResult> {
    const window = { from: new Date(now.getTime() - RECONCILE_WINDOW_MS), to: new Date(now.getTime() - SETTLE_GRACE_MS), limit: RECONCILE_LIMIT }
    const orders = new Set<string>()
    for (const participant of this.participants_()) {
      for (const id of (await participant.unsettledOrders?.(window)) ?? []) {
        orders.add(id)
      }
    }
    const result: ReconcileResult = { unsettled: orders.size, repaired: [], failed: [] }
    for (const orderId of [...orders].slice(0, RECONCILE_LIMIT)) {
      try {
        await this.settle(orderId)
        result.repaired.push(orderId)
      } catch (e) {
        result.failed.push(orderId)
        await this.queueRepair(orderId, e)
      }
    }
    if (orders.size) {
      this.logger_.warn(`[ledger] reconciliation: ${result.repaired.length} settlements repaired, ${result.failed.length} still failing`)
    }
    return result
  }

  protected participants_(): CheckoutParticipant[] {
    try {
      return this.container_[CHECKOUT_PARTICIPANTS] ?? []
    } catch {
      // Nothing registered: awilix throws on an unknown name.
      return []
    }
  }
}

/** What went wrong, without codes or names: a domain error's type and message (ledger refusals name no card), or the error's class. */
function reasonOf(e: unknown): string {
  if (e === undefined) {
    return "unknown"
  }
  if (isDomainError(e)) {
    return `${e.type}: ${e.message}`
  }
  const err = e as { name?: string; code?: string; message?: string }
  return [err?.name ?? "Error", err?.code, err?.message].filter(Boolean).join(": ").slice(0, 300)
}
