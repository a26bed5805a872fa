import { OrderService } from "@medusajs/medusa"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"

import { inNewTransaction } from "@customer-modules/core"

import type DebtorInvoiceService from "../services/debtor-invoice"

/**
 * A web order paid "on invoice" gets its numbered invoice (PDF and mail follow
 * from `debtor_invoice.created`); keyed by order id, so a repeated event writes nothing more.
 */
export default async function debtorOrderPlaced({ data, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  await inNewTransaction(container.resolve<DebtorInvoiceService>("debtorInvoiceService"), (s) => s.createForOrder(data.id))
}

export const config: SubscriberConfig = {
  event: OrderService.Events.PLACED,
  context: { subscriberId: "debtor-order-placed" },
}
