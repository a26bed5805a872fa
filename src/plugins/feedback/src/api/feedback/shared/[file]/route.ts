import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { sendModule } from "#utils/static-files"

/** GET /feedback/shared/:file → the rule evaluator the server uses too (`rules.js`), as an ES module. */
export function GET(req: MedusaRequest, res: MedusaResponse): void {
  sendModule(res, "shared", String(req.params.file))
}
