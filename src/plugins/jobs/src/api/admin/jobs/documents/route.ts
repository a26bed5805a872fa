import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation, parseBody } from "@customer-modules/core"

import type DocumentService from "#services/document"
import { enqueueDocumentSchema } from "#src/schemas"
import type { EnqueueDocumentInput } from "#src/schemas"
import { ListDocuments } from "#validators"

/** GET /admin/jobs/documents?limit&offset: stored documents, newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(ListDocuments, req.query)
  res.json(await req.scope.resolve<DocumentService>("documentService").list(query))
}

/**
 * POST /admin/jobs/documents `{ key, kind, data }` → 202 `{ document }`: queues a document (same key: same document).
 * Written in the jobs plugin's own transaction, not the wrapper's, so that its worker finds the committed row (decision 134).
 */
export const POST = adminMutation({
  ownTransactions: true,
  body: enqueueDocumentSchema,
  handler: async (req, _manager, body) => ({
    status: 202,
    body: { document: await req.scope.resolve<DocumentService>("documentService").enqueue(body as EnqueueDocumentInput) },
  }),
})
