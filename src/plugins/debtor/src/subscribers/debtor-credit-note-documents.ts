import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"

import type DebtorDocumentService from "../services/debtor-document"
import DebtorInvoiceService from "../services/debtor-invoice"

/** After a cancellation or a partial credit note: its PDF and, with an e-mail, its mail (once per credit note). */
export default async function debtorCreditNoteDocuments({ data, container }: SubscriberArgs<{ id: string; credit_note_id?: string }>): Promise<void> {
  await container.resolve<DebtorDocumentService>("debtorDocumentService").sendCreditNoteIfNotSent(data.id, data.credit_note_id)
}

export const config: SubscriberConfig = {
  event: [DebtorInvoiceService.Events.CANCELLED, DebtorInvoiceService.Events.CREDITED],
  context: { subscriberId: "debtor-credit-note-documents" },
}
