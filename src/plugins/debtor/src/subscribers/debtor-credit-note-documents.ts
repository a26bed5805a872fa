import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"

import DebtorInvoiceService from "../services/debtor-invoice"

/** After a cancellation: the credit note PDF and, with an e-mail, its mail (once per credit note). */
export default async function debtorCreditNoteDocuments({ data, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  await container.resolve<DebtorInvoiceService>("debtorInvoiceService").sendCreditNoteIfNotSent(data.id)
}

export const config: SubscriberConfig = {
  event: DebtorInvoiceService.Events.CANCELLED,
  context: { subscriberId: "debtor-credit-note-documents" },
}
