import { TransactionBaseService } from "@medusajs/medusa"
import { QueryFailedError } from "typeorm"
import type { EntityManager } from "typeorm"

import { DomainError } from "@customer-modules/core"
import type { CheckoutParticipant, CompletionPlan } from "@customer-modules/ledger"

import type EventRegistrationService from "./event-registration"

type InjectedDependencies = { manager: EntityManager; eventRegistrationService: EventRegistrationService }

/**
 * How long a completion waits for the event's lock: another completion of the
 * same event holds it while Medusa places its order (seconds, not the 5 s the
 * ledger allows for a till's card lock).
 */
const EVENT_LOCK_TIMEOUT = "20s"
const LEDGER_LOCK_TIMEOUT = "5s"
const LOCK_NOT_AVAILABLE = "55P03"

/**
 * The event's part in the ledger's cart-completion strategy (decision 94): a
 * cart made for a held registration completes only with its places in hand.
 * Before Medusa authorises the payment, under the lock on the event, an
 * expired hold takes its places again if they are free, else completion is
 * refused with 409 `sold_out` and nothing is charged; once the order is
 * placed, still under the lock, the registration is confirmed for it.
 */
export default class EventCheckoutService extends TransactionBaseService implements CheckoutParticipant {
  protected readonly registrations_: EventRegistrationService

  constructor(container: InjectedDependencies) {
    super(container)
    this.registrations_ = container.eventRegistrationService
  }

  async planCompletion(cartId: string): Promise<CompletionPlan | null> {
    const [row] = await this.activeManager_.query(
      `SELECT r.id, r.status, r.order_id, c.completed_at FROM event_registration r JOIN cart c ON c.id = r.cart_id WHERE r.cart_id = $1`,
      [cartId]
    )
    // Not an event's cart, or a retry of a completed one (Medusa answers its order).
    if (!row || row.completed_at) {
      return null
    }
    const id: string = row.id
    return {
      refusal: null,
      lock: async (tx) => {
        await tx.query(`SET LOCAL lock_timeout = '${EVENT_LOCK_TIMEOUT}'`)
        try {
          await this.registrations_.withTransaction(tx).reserveForCompletion(id)
        } catch (e) {
          if (e instanceof QueryFailedError && (e as QueryFailedError & { code?: string }).code === LOCK_NOT_AVAILABLE) {
            throw new DomainError("event_busy", "The event is busy; please try again in a moment", 409)
          }
          throw e
        } finally {
          await tx.query(`SET LOCAL lock_timeout = '${LEDGER_LOCK_TIMEOUT}'`).catch(() => undefined)
        }
      },
      settle: (orderId, tx) => this.registrations_.withTransaction(tx).confirmForOrder(id, orderId),
      afterRefusal: async () => undefined,
    }
  }

  async settlePlacedOrder(orderId: string): Promise<void> {
    await this.registrations_.confirmPlacedOrder(orderId)
  }
}
