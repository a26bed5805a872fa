import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { listKinds } from "#src/registry"

/**
 * GET /admin/jobs/kinds → `{ mail_kinds, document_kinds }`: every kind with
 * the plugin it belongs to (`registered`: declared by that plugin's own folder),
 * for the "Mail & documents" page and its previews.
 */
export async function GET(_req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json(listKinds())
}
