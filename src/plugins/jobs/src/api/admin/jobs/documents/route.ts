import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type DocumentService from "#services/document"
import type { EnqueueDocumentInput } from "#src/schemas"
import { ListDocuments } from "#validators"

/** GET /admin/jobs/documents?limit&offset: stored documents, newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(ListDocuments, req.query)
  res.json(await req.scope.resolve<DocumentService>("documentService").list(query))
}

/** POST /admin/jobs/documents `{ key, kind, data }` → 202 `{ document }`: queues a document (same key: same document). */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const document = await req.scope.resolve<DocumentService>("documentService").enqueue(req.body as EnqueueDocumentInput)
  res.status(202).json({ document })
}
