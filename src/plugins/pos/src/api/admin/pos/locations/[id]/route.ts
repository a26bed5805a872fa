import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import type PosLocationService from "#services/pos-location"
import { UpdateLocation } from "#validators"

/** GET /admin/pos/locations/:id */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<PosLocationService>("posLocationService")
  res.json({ location: await service.retrieve(req.params.id) })
}

/** POST /admin/pos/locations/:id `{ name?, time_zone?, address?, metadata? }` → `{ location }`. */
export const POST = adminMutation({
  body: UpdateLocation,
  handler: async (req, manager, body) => {
    const service = req.scope.resolve<PosLocationService>("posLocationService").withTransaction(manager)
    return { status: 200, body: { location: await service.update(req.params.id, body) } }
  },
})
