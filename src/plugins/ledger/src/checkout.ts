import { asFunction } from "awilix"
import type { AwilixContainer } from "awilix"
import type { EntityManager } from "typeorm"

import type { DomainError } from "@customer-modules/core"

/**
 * What one plugin has on a cart that completion must spend exactly once
 * (vouchers, loyalty points…), as its plan for this completion.
 */
export type CompletionPlan = {
  /** Set when the cart changed since the customer saw its total: completion is refused with it (the cart is already updated). */
  refusal: DomainError | null
  /** Locks what will be spent, inside the completion's locking transaction; throws a DomainError to refuse. */
  lock(tx: EntityManager): Promise<void>
  /** Spends for the placed order before the locks are released; keyed so the `order.placed` safety net spends nothing more. */
  settle(orderId: string, tx: EntityManager): Promise<void>
  /** After a refusal from `lock`: brings the cart up to date for the customer's next look. */
  afterRefusal(): Promise<void>
}

/** A plugin's part in cart completion: a plan for the cart, or null when it has nothing on it. */
export interface CheckoutParticipant {
  planCompletion(cartId: string): Promise<CompletionPlan | null>
  /**
   * Settles a placed order outside its completion (the repair of a settlement
   * that failed): in a transaction of its own, with the same keys as the
   * plan's `settle`, so running it again, or after a settlement that did
   * succeed, changes nothing. Participants that settle nothing leave it out.
   */
  settlePlacedOrder?(orderId: string): Promise<void>
  /**
   * Orders placed in [from, to) (not cancelled) whose settlement with this
   * participant is missing, oldest first, at most `limit`: what the periodic
   * reconciliation repairs.
   */
  unsettledOrders?(window: { from: Date; to: Date; limit: number }): Promise<string[]>
}

/** The container entry the ledger's cart-completion strategy reads the participants from. */
export const CHECKOUT_PARTICIPANTS = "checkoutParticipants"

/**
 * Makes a service take part in cart completion (call it from a plugin loader).
 * Participants lock and settle in one fixed order (the loaders' order reversed).
 */
export function registerCheckoutParticipant(container: AwilixContainer, serviceName: string): void {
  const registry = container as AwilixContainer & { registerAdd?: (name: string, registration: unknown) => void }
  if (typeof registry.registerAdd !== "function") {
    throw new Error("registerCheckoutParticipant needs Medusa's container (registerAdd)")
  }
  registry.registerAdd(
    CHECKOUT_PARTICIPANTS,
    asFunction((cradle: Record<string, CheckoutParticipant>) => cradle[serviceName])
  )
}
