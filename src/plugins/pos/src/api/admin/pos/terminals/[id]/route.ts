import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import { z } from "zod"

import { adminMutation } from "@customer-modules/core"

import type PosTerminalService from "#services/pos-terminal"

/** GET /admin/pos/terminals/:id */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<PosTerminalService>("posTerminalService")
  res.json({ terminal: await service.retrieve(req.params.id) })
}

/** DELETE /admin/pos/terminals/:id: revokes the key at once → `{ terminal }` (the row stays for the history). */
export const DELETE = adminMutation({
  body: z.object({}).strict(),
  // Not in the wrapper's transaction: the revocation commits first and only then tells every instance
  // (a generation bump before the commit would let another instance cache the key again). Revoking twice
  // changes nothing, so a replay without the stored answer is harmless.
  handler: async (req) => {
    const service = req.scope.resolve<PosTerminalService>("posTerminalService")
    return { status: 200, body: { terminal: await service.revoke(req.params.id) } }
  },
})
