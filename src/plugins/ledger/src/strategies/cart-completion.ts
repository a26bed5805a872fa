import { CartCompletionResponse, IdempotencyKey } from "@medusajs/medusa"
import CoreCartCompletionStrategy from "@medusajs/medusa/dist/strategies/cart-completion"
import type { RequestContext } from "@medusajs/medusa/dist/types/request"
import type { EntityManager } from "typeorm"

import { isDomainError } from "@customer-modules/core"
import type { DomainError } from "@customer-modules/core"

import { CHECKOUT_PARTICIPANTS } from "../checkout"
import type { CheckoutParticipant, CompletionPlan } from "../checkout"

type Cradle = ConstructorParameters<typeof CoreCartCompletionStrategy>[0] & {
  manager: EntityManager
  [CHECKOUT_PARTICIPANTS]?: CheckoutParticipant[]
}

/**
 * Medusa's cart completion, with what plugins keep in the ledger (vouchers,
 * loyalty points) spent exactly once: every participant plans the cart (and
 * refuses when its total changed since the customer saw it), locks its
 * ledger rows, Medusa completes the cart, and each participant settles the
 * placed order before the locks are released. A refusal rolls back the
 * locking transaction, so nothing is spent; carts no participant has anything
 * on complete exactly as in Medusa. Only one plugin can replace this strategy,
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
    try {
      return await this.cradle_.manager.transaction(async (tx) => {
        // Tills wait for these locks at most 2 s (see posRoute); we wait for theirs at most 5 s.
        await tx.query(`SET LOCAL lock_timeout = '5s'`)
        for (const plan of plans) {
          await plan.lock(tx)
        }
        const result = await super.complete(id, ikey, context)
        const body = result.response_body as { type?: string; data?: { id?: string } } | undefined
        if (result.response_code === 200 && body?.type === "order" && body.data?.id) {
          for (const plan of plans) {
            await plan.settle(body.data.id, tx)
          }
        }
        return result
      })
    } catch (e) {
      if (isDomainError(e)) {
        for (const plan of plans) {
          await plan.afterRefusal()
        }
        return refused(e)
      }
      throw e
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

function refused(e: DomainError): CartCompletionResponse {
  return { response_code: e.status, response_body: { type: e.type, message: e.message } }
}
