import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type StaffService from "../../../../services/staff"
import { CreateStaffMember } from "../../../../validators"

/** GET /admin/pos/staff[?location_id=]: staff members with their cards. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<StaffService>("staffService")
  const locationId = typeof req.query.location_id === "string" ? req.query.location_id : undefined
  res.json({ staff: await service.list({ location_id: locationId }) })
}

/** POST /admin/pos/staff `{ name, location_id? }` → 201 `{ staff_member }`. */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(CreateStaffMember, req.body)
  const service = req.scope.resolve<StaffService>("staffService")
  res.status(201).json({ staff_member: await service.create(body) })
}
