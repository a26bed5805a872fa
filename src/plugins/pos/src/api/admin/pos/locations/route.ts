import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type PosLocationService from "../../../../services/pos-location"
import { CreateLocation } from "../../../../validators"

/** GET /admin/pos/locations: every location. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<PosLocationService>("posLocationService")
  res.json({ locations: await service.list() })
}

/** POST /admin/pos/locations `{ name, time_zone, address? }` → 201 `{ location }`. */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(CreateLocation, req.body)
  const service = req.scope.resolve<PosLocationService>("posLocationService")
  res.status(201).json({ location: await service.create(body) })
}
