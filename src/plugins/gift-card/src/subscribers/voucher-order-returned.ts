import { OrderService, SwapService } from "@medusajs/medusa"
import type { Logger, SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { inNewTransaction } from "@customer-modules/core"

import type VoucherCheckoutService from "../services/voucher-checkout"

/**
 * What a return or a swap owes the customer and Medusa could not refund
 * through the order's payments (vouchers paid it): Medusa then emits
 * `order.return_action_required` (a received return, `{ id, return_id }`) or
 * `swap.process_refund_failed` (`{ id }` of the swap) and books nothing. The
 * amount goes back onto the vouchers, once per return or swap.
 */
async function owed(eventName: string, data: { id: string; return_id?: string }, manager: EntityManager): Promise<{ order_id: string; key: string; amount: number } | null> {
  if (eventName === SwapService.Events.PROCESS_REFUND_FAILED) {
    const [swap] = await manager.query(`SELECT order_id, difference_due FROM swap WHERE id = $1`, [data.id])
    return swap && Number(swap.difference_due) < 0 ? { order_id: swap.order_id, key: `swap:${data.id}`, amount: -Number(swap.difference_due) } : null
  }
  if (!data.return_id) {
    return null
  }
  const [ret] = await manager.query(`SELECT order_id, refund_amount FROM "return" WHERE id = $1 AND order_id = $2 AND status = 'received'`, [data.return_id, data.id])
  return ret ? { order_id: ret.order_id, key: `return:${data.return_id}`, amount: Number(ret.refund_amount ?? 0) } : null
}

export default async function refundReturnToVouchers({ data, eventName, container }: SubscriberArgs<{ id: string; return_id?: string }>): Promise<void> {
  const due = await owed(eventName, data, container.resolve<EntityManager>("manager"))
  if (!due || due.amount <= 0) {
    return
  }
  const { refunded } = await inNewTransaction(container.resolve<VoucherCheckoutService>("voucherCheckoutService"), (s) =>
    s.refundReturnToVouchers(due.order_id, due.key, due.amount)
  )
  if (refunded) {
    container.resolve<Logger>("logger").info(`gift-card: put ${refunded} back on the vouchers of order ${due.order_id} (${due.key.split(":")[0]})`)
  }
}

export const config: SubscriberConfig = {
  event: [OrderService.Events.RETURN_ACTION_REQUIRED, SwapService.Events.PROCESS_REFUND_FAILED],
  context: { subscriberId: "gift-card-voucher-order-returned" },
}
