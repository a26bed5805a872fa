import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import type DocumentService from "#services/document"

/** GET /admin/jobs/documents/:id → `{ document }` */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ document: await req.scope.resolve<DocumentService>("documentService").retrieve(req.params.id) })
}
