import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import type CodeRangeService from "#services/code-range"
import { CreateCodeRange } from "#validators"

/** GET /admin/ledger/code-ranges → `{ code_ranges }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<CodeRangeService>("codeRangeService")
  res.json({ code_ranges: await service.list() })
}

/**
 * POST /admin/ledger/code-ranges `{ name, card_kind, prefix, start, end }` → 201 `{ code_range }`;
 * 400 `range_invalid`, 409 `range_overlap`.
 */
export const POST = adminMutation({
  body: CreateCodeRange,
  handler: async (req, manager, body) => {
    const service = req.scope.resolve<CodeRangeService>("codeRangeService").withTransaction(manager)
    return { status: 201, body: { code_range: await service.create(body) } }
  },
})
