import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import type ValueAccountService from "#services/value-account"

/** GET /admin/ledger/transactions/:id → `{ transaction }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<ValueAccountService>("valueAccountService")
  res.json({ transaction: await service.retrieveTransaction(req.params.id) })
}
