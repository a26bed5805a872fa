import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { listPosScopes } from "#src/scopes"

/** GET /admin/pos/scopes → `{ scopes: [{ scope, plugin, label: { de, en, pt } }] }`: what a terminal key can be given. */
export async function GET(_req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ scopes: listPosScopes() })
}
