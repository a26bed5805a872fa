import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type PosLocationService from "../../../../../services/pos-location"
import { UpdateLocation } from "../../../../../validators"

/** GET /admin/pos/locations/:id */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<PosLocationService>("posLocationService")
  res.json({ location: await service.retrieve(req.params.id) })
}

/** POST /admin/pos/locations/:id `{ name?, time_zone?, address?, metadata? }` → `{ location }`. */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(UpdateLocation, req.body)
  const service = req.scope.resolve<PosLocationService>("posLocationService")
  res.json({ location: await service.update(req.params.id, body) })
}
