import type { TransactionBaseService } from "@medusajs/medusa"
import type { AwilixContainer } from "awilix"
import type { EntityManager } from "typeorm"

/**
 * Runs `work` with the service bound to a transaction of its own.
 *
 * A service resolved outside a request (subscribers, schedules, the cart
 * completion strategy) is one instance shared by everybody, and Medusa's
 * `atomicPhase_` keeps the open transaction on the instance while it works:
 * two concurrent calls then share (and one ends) the other's transaction
 * ("query runner already released"). A bound copy per call is safe.
 */
export function inNewTransaction<S extends TransactionBaseService, T>(service: S, work: (bound: S) => Promise<T>): Promise<T> {
  const manager = (service as unknown as { manager_: EntityManager }).manager_
  return manager.transaction((tx) => work(service.withTransaction(tx) as S))
}

/**
 * A service instance of its own, for work outside a request that calls
 * `atomicPhase_` on it (schedule runs): Medusa registers plugin services as
 * scoped, so a new scope builds a new instance, while the root container's
 * one is shared by every concurrent run.
 */
export function ownInstance<T>(container: AwilixContainer, name: string): T {
  return container.createScope().resolve<T>(name)
}
