import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type ValueAccountService from "#services/value-account"
import { PageQuery } from "#validators"

/** GET /admin/ledger/accounts/:id[?limit=&offset=] → `{ account, transactions, count, limit, offset }`, newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { limit = 50, offset = 0 } = parseBody(PageQuery, req.query)
  const service = req.scope.resolve<ValueAccountService>("valueAccountService")
  const account = await service.retrieve(req.params.id)
  const [transactions, count] = await service.history(account.id, { limit, offset })
  res.json({ account, transactions, count, limit, offset })
}
