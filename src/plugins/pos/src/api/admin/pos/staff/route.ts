import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import type StaffService from "#services/staff"
import { CreateStaffMember } from "#validators"

/** GET /admin/pos/staff[?location_id=]: staff members with their cards. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<StaffService>("staffService")
  const locationId = typeof req.query.location_id === "string" ? req.query.location_id : undefined
  res.json({ staff: await service.list({ location_id: locationId }) })
}

/** POST /admin/pos/staff `{ name, location_id? }` → 201 `{ staff_member }`. */
export const POST = adminMutation({
  body: CreateStaffMember,
  handler: async (req, manager, body) => {
    const service = req.scope.resolve<StaffService>("staffService").withTransaction(manager)
    return { status: 201, body: { staff_member: await service.create(body) } }
  },
})
