import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition } from "@customer-modules/core"
import type { DocumentService } from "@customer-modules/jobs"

import type DebtorStatementService from "#services/debtor-statement"
import { localDate } from "#utils/dates"
import { currencyCode } from "#utils/query"

/** GET /admin/debtor-customers/:customer_id/statement?currency_code=eur → application/pdf: the open items now. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const currency = currencyCode(req.query.currency_code)
  const { document } = await req.scope
    .resolve<DebtorStatementService>("debtorStatementService")
    .openItemsStatement(req.params.customer_id, currency, localDate(new Date(), "UTC"))
  const content = await req.scope.resolve<DocumentService>("documentService").render("statement", document)
  res.setHeader("Content-Type", "application/pdf")
  res.setHeader("Content-Disposition", contentDisposition("inline", `statement.pdf`))
  res.status(200).send(content)
}
