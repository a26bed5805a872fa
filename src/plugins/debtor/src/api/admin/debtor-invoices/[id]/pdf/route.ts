import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition } from "@customer-modules/core"

import type DebtorDocumentService from "#services/debtor-document"

/** GET /admin/debtor-invoices/:id/pdf → application/pdf (inline, for the admin's preview). */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { invoice, content } = await req.scope.resolve<DebtorDocumentService>("debtorDocumentService").pdf(req.params.id)
  res.setHeader("Content-Type", "application/pdf")
  res.setHeader("Content-Disposition", contentDisposition("inline", `${invoice.number}.pdf`))
  res.status(200).send(content)
}
