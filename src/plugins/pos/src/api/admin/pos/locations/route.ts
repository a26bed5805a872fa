import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import type PosLocationService from "#services/pos-location"
import { CreateLocation } from "#validators"

/** GET /admin/pos/locations: every location. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<PosLocationService>("posLocationService")
  res.json({ locations: await service.list() })
}

/** POST /admin/pos/locations `{ name, time_zone, address? }` → 201 `{ location }`. */
export const POST = adminMutation({
  body: CreateLocation,
  handler: async (req, manager, body) => {
    const service = req.scope.resolve<PosLocationService>("posLocationService").withTransaction(manager)
    return { status: 201, body: { location: await service.create(body) } }
  },
})
