import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import type CardService from "#services/card"

/** GET /admin/ledger/cards/:id → `{ card, accounts }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<CardService>("cardService")
  const card = await service.retrieve(req.params.id)
  res.json({ card, accounts: await service.accountsOf(card) })
}
