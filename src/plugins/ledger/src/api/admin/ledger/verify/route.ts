import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import type ValueAccountService from "#services/value-account"

/**
 * GET /admin/ledger/verify → `{ checked_accounts, checked_transactions, mismatches, broken_chains }`:
 * every account checked against its transactions; empty lists mean all add up.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<ValueAccountService>("valueAccountService")
  res.json(await service.verify())
}
