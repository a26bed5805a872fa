import { OrderService } from "@medusajs/medusa"
import type { Logger, SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"

import { inNewTransaction } from "@customer-modules/core"

import type DebtorInvoiceService from "../services/debtor-invoice"

/**
 * A cancelled web order's invoice is cancelled with a credit note (mailed by
 * `debtor-credit-note-documents`), so reminders stop; a repeated event finds
 * it cancelled and writes nothing more.
 */
export default async function cancelInvoiceOfCanceledOrder({ data, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  const done = await inNewTransaction(container.resolve<DebtorInvoiceService>("debtorInvoiceService"), (s) => s.cancelForOrder(data.id))
  if (done) {
    container.resolve<Logger>("logger").info(`debtor: invoice ${done.invoice.number} of cancelled order ${data.id} cancelled by ${done.credit_note.number}`)
  }
}

export const config: SubscriberConfig = {
  event: OrderService.Events.CANCELED,
  context: { subscriberId: "debtor-order-canceled" },
}
