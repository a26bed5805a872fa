import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type PosTerminalService from "#services/pos-terminal"
import { CreateTerminal } from "#validators"

/** GET /admin/pos/terminals[?location_id=]: every terminal with its location; never a key. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<PosTerminalService>("posTerminalService")
  const locationId = typeof req.query.location_id === "string" ? req.query.location_id : undefined
  res.json({ terminals: await service.list({ location_id: locationId }) })
}

/**
 * POST /admin/pos/terminals `{ name, location_id, scopes }` → 201 `{ terminal, key }`: the only time the key is shown.
 * The one admin mutation outside `adminMutation`: its answer holds the secret key, and a stored answer for
 * Idempotency-Key replays would keep that key in plain text in the database (only its sha256 is kept).
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(CreateTerminal, req.body)
  const service = req.scope.resolve<PosTerminalService>("posTerminalService")
  const { terminal, key } = await service.create(body)
  res.setHeader("Cache-Control", "no-store")
  res.status(201).json({ terminal, key })
}
