import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type StaffService from "../../../../../services/staff"
import { UpdateStaffMember } from "../../../../../validators"

/** GET /admin/pos/staff/:id */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<StaffService>("staffService")
  res.json({ staff_member: await service.retrieve(req.params.id) })
}

/** POST /admin/pos/staff/:id `{ name?, location_id?, active? }` → `{ staff_member }`. */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(UpdateStaffMember, req.body)
  const service = req.scope.resolve<StaffService>("staffService")
  res.json({ staff_member: await service.update(req.params.id, body) })
}
