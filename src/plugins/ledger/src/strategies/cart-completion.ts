import { CartCompletionResponse, IdempotencyKey } from "@medusajs/medusa"
import CoreCartCompletionStrategy from "@medusajs/medusa/dist/strategies/cart-completion"
import type { RequestContext } from "@medusajs/medusa/dist/types/request"
import type { EntityManager } from "typeorm"

import { isDomainError } from "@customer-modules/core"
import type { DomainError } from "@customer-modules/core"

import { CHECKOUT_PARTICIPANTS } from "../checkout"
import type { CheckoutParticipant, CompletionPlan } from "../checkout"
import type CheckoutSettlementService from "../services/checkout-settlement"

type Cradle = ConstructorParameters<typeof CoreCartCompletionStrategy>[0] & {
  manager: EntityManager
  checkoutSettlementService: CheckoutSettlementService
  [CHECKOUT_PARTICIPANTS]?: CheckoutParticipant[]
}

/**
 * Medusa's cart completion, with what plugins keep in the ledger (vouchers,
 * loyalty points) spent exactly once: every participant plans the cart (and
 * refuses when its total changed since the customer saw it), locks its
 * ledger rows, Medusa completes the cart, and each participant settles the
 * placed order before the locks are released. A refusal rolls back the
 * locking transaction, so nothing is spent; carts no participant has anything
 * on complete exactly as in Medusa. Medusa commits the order in transactions
 * of its own: if settling fails after that, the customer still gets the
 * order and the settlement is repaired by the `settlement` job and the
 * periodic reconciliation (`checkoutSettlementService`, decision 0067). Only one plugin can replace this strategy,
 * so it lives in the shared ledger and the plugins register with
 * `registerCheckoutParticipant` (decision 0008).
 */
export default class LedgerCartCompletionStrategy extends CoreCartCompletionStrategy {
  protected readonly cradle_: Cradle

  constructor(cradle: Cradle) {
    super(cradle)
    this.cradle_ = cradle
  }

  override async complete(id: string, ikey: IdempotencyKey, context: RequestContext): Promise<CartCompletionResponse> {
    const plans: CompletionPlan[] = []
    for (const participant of this.participants_()) {
      const plan = await participant.planCompletion(id)
      if (plan) {
        plans.push(plan)
      }
    }
    if (!plans.length) {
      return super.complete(id, ikey, context)
    }
    // The customer must look at the new total first; a retry of an already completed cart answers its order.
    const refusal = plans.find((p) => p.refusal)?.refusal
    if (refusal && !(await this.alreadyCompleted_(id))) {
      return refused(refusal)
    }
    // Set once Medusa has committed the order: from then on the customer gets it, whatever settling does.
    const state: { placed: { orderId: string; result: CartCompletionResponse } | null; failure: unknown } = { placed: null, failure: null }
    try {
      const result = await this.cradle_.manager.transaction(async (tx) => {
        // Tills wait for these locks at most 2 s (see posRoute); we wait for theirs at most 5 s.
        await tx.query(`SET LOCAL lock_timeout = '5s'`)
        for (const plan of plans) {
          await plan.lock(tx)
        }
        const result = await super.complete(id, ikey, context)
        const orderId = placedOrderId(result)
        if (!orderId) {
          return result
        }
        state.placed = { orderId, result }
        // Medusa's own transactions have committed the order: a failing settlement is undone
        // alone (the locks are kept until commit) and repaired afterwards, never answered.
        await tx.query(`SAVEPOINT checkout_settle`)
        try {
          for (const plan of plans) {
            await plan.settle(orderId, tx)
          }
          await tx.query(`RELEASE SAVEPOINT checkout_settle`)
        } catch (e) {
          await tx.query(`ROLLBACK TO SAVEPOINT checkout_settle`)
          state.failure = e
        }
        return result
      })
      if (state.placed && state.failure) {
        await this.repairLater_(state.placed.orderId, state.failure)
      }
      return result
    } catch (e) {
      if (state.placed) {
        // Settling, or committing what it did, failed after the order was placed.
        await this.repairLater_(state.placed.orderId, e)
        return state.placed.result
      }
      if (isDomainError(e)) {
        for (const plan of plans) {
          await plan.afterRefusal()
        }
        return refused(e)
      }
      throw e
    }
  }

  /** Queues the repair of a placed order's settlement (decision 0067); never throws. */
  protected async repairLater_(orderId: string, cause: unknown): Promise<void> {
    try {
      await this.cradle_.checkoutSettlementService.queueRepair(orderId, cause)
    } catch {
      // Only the reconciliation is left; it finds every unsettled order.
    }
  }

  protected participants_(): CheckoutParticipant[] {
    try {
      return this.cradle_[CHECKOUT_PARTICIPANTS] ?? []
    } catch {
      // Nothing registered: awilix throws on an unknown name.
      return []
    }
  }

  protected async alreadyCompleted_(cartId: string): Promise<boolean> {
    const [row] = await this.cradle_.manager.query(`SELECT completed_at FROM cart WHERE id = $1`, [cartId])
    return Boolean(row?.completed_at)
  }
}

/** The id of the order a completion placed (or answered again for a retry), if it did. */
function placedOrderId(result: CartCompletionResponse): string | null {
  const body = result.response_body as { type?: string; data?: { id?: string } } | undefined
  return result.response_code === 200 && body?.type === "order" && body.data?.id ? body.data.id : null
}

function refused(e: DomainError): CartCompletionResponse {
  return { response_code: e.status, response_body: { type: e.type, message: e.message } }
}
