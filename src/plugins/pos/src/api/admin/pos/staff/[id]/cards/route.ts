import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type StaffService from "../../../../../../services/staff"
import { AddStaffCard } from "../../../../../../validators"

/** POST /admin/pos/staff/:id/cards `{ uid }` → 201 `{ card }`; 409 `code_taken` when the UID is in use. */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(AddStaffCard, req.body)
  const service = req.scope.resolve<StaffService>("staffService")
  res.status(201).json({ card: await service.addCard(req.params.id, body.uid) })
}
