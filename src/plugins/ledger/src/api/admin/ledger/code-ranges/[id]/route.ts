import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import type CodeRangeService from "#services/code-range"

/** GET /admin/ledger/code-ranges/:id → `{ code_range }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<CodeRangeService>("codeRangeService")
  res.json({ code_range: await service.retrieve(req.params.id) })
}
