import type { SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"

import type DebtorDocumentService from "../services/debtor-document"
import DebtorInvoiceService from "../services/debtor-invoice"

/**
 * After an invoice is committed (or its buyer corrected): queue its PDF and,
 * when an e-mail is known, the invoice mail with the PDF attached. Keyed by
 * invoice and version, so a repeated event sends nothing twice.
 */
export default async function debtorInvoiceDocuments({ data, container }: SubscriberArgs<{ id: string }>): Promise<void> {
  await container.resolve<DebtorDocumentService>("debtorDocumentService").sendDocumentsIfNotSent(data.id)
}

export const config: SubscriberConfig = {
  event: [DebtorInvoiceService.Events.CREATED, DebtorInvoiceService.Events.CORRECTED],
  context: { subscriberId: "debtor-invoice-documents" },
}
