import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition } from "@customer-modules/core"

import type DebtorDocumentService from "#services/debtor-document"

/** GET /admin/debtor-invoices/:id/credit-note → application/pdf of the credit note; 404 when not cancelled. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { credit_note, content } = await req.scope.resolve<DebtorDocumentService>("debtorDocumentService").creditNotePdf(req.params.id)
  res.setHeader("Content-Type", "application/pdf")
  res.setHeader("Content-Disposition", contentDisposition("inline", `${credit_note.number}.pdf`))
  res.status(200).send(content)
}
