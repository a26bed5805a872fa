import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition, parseBody } from "@customer-modules/core"

import type DebtorAccountService from "#services/debtor-account"
import { StatementQuery } from "#validators"

/**
 * GET /admin/customer-accounts/:id/statement[?format=json|pdf&limit=&offset=] →
 * `{ account, transactions, count }` (newest first), or the statement PDF.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { format = "json", limit = 50, offset = 0 } = parseBody(StatementQuery, req.query)
  const service = req.scope.resolve<DebtorAccountService>("debtorAccountService")
  if (format === "pdf") {
    const content = await service.statementPdf(req.params.id)
    res.setHeader("Content-Type", "application/pdf")
    res.setHeader("Content-Disposition", contentDisposition("inline", `account-statement.pdf`))
    res.status(200).send(content)
    return
  }
  res.json(await service.movements(req.params.id, { limit, offset }))
}
