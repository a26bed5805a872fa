import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import type PosTerminalService from "../../../../../services/pos-terminal"

/** GET /admin/pos/terminals/:id */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<PosTerminalService>("posTerminalService")
  res.json({ terminal: await service.retrieve(req.params.id) })
}

/** DELETE /admin/pos/terminals/:id: revokes the key at once → `{ terminal }` (the row stays for the history). */
export async function DELETE(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<PosTerminalService>("posTerminalService")
  res.json({ terminal: await service.revoke(req.params.id) })
}
