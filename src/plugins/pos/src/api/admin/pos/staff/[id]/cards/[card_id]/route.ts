import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import type StaffService from "../../../../../../../services/staff"

/** DELETE /admin/pos/staff/:id/cards/:card_id: revokes the card at once → `{ card }`. */
export async function DELETE(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<StaffService>("staffService")
  res.json({ card: await service.revokeCard(req.params.id, req.params.card_id) })
}
