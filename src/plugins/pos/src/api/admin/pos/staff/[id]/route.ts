import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import type StaffService from "#services/staff"
import { UpdateStaffMember } from "#validators"

/** GET /admin/pos/staff/:id */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<StaffService>("staffService")
  res.json({ staff_member: await service.retrieve(req.params.id) })
}

/** POST /admin/pos/staff/:id `{ name?, location_id?, active? }` → `{ staff_member }`. */
export const POST = adminMutation({
  body: UpdateStaffMember,
  handler: async (req, manager, body) => {
    const service = req.scope.resolve<StaffService>("staffService").withTransaction(manager)
    return { status: 200, body: { staff_member: await service.update(req.params.id, body) } }
  },
})
