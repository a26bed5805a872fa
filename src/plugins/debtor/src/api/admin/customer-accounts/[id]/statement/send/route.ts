import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type DebtorAccountService from "../../../../../../services/debtor-account"
import { SendStatement } from "../../../../../../validators"

/** POST /admin/customer-accounts/:id/statement/send `{ to? }` → 202 `{ mail }` (mail `account_statement` with the PDF). */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { to } = parseBody(SendStatement, req.body)
  const mail = await req.scope.resolve<DebtorAccountService>("debtorAccountService").sendStatement(req.params.id, to)
  res.status(202).json({ mail })
}
