import { ClaimService, OrderService, SwapService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

/**
 * Every event with which Medusa books money going back on an order: an admin refund, a
 * received return (Medusa emits no refund event for it), a refund claim, a swap's difference.
 * A plugin that follows refunds subscribes to all four and settles by the order's refunds.
 */
export const REFUND_EVENTS = [
  OrderService.Events.REFUND_CREATED,
  OrderService.Events.ITEMS_RETURNED,
  ClaimService.Events.REFUND_PROCESSED,
  SwapService.Events.REFUND_PROCESSED,
]

/** The order a refund event is about: its own id, or its claim's or swap's order (null if gone). */
export async function orderOfRefundEvent(eventName: string, id: string, manager: EntityManager): Promise<string | null> {
  if (eventName === ClaimService.Events.REFUND_PROCESSED) {
    const [claim] = await manager.query(`SELECT order_id FROM claim_order WHERE id = $1`, [id])
    return claim?.order_id ?? null
  }
  if (eventName === SwapService.Events.REFUND_PROCESSED) {
    const [swap] = await manager.query(`SELECT order_id FROM swap WHERE id = $1`, [id])
    return swap?.order_id ?? null
  }
  return id
}
