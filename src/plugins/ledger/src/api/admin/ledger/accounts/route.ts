import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type ValueAccountService from "#services/value-account"
import { ListAccounts } from "#validators"

/** GET /admin/ledger/accounts[?kind=&customer_id=&limit=&offset=] → `{ accounts, count, limit, offset }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { limit = 50, offset = 0, ...filter } = parseBody(ListAccounts, req.query)
  const service = req.scope.resolve<ValueAccountService>("valueAccountService")
  const [accounts, count] = await service.listAndCount(filter, { limit, offset })
  res.json({ accounts, count, limit, offset })
}
