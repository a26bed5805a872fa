import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition } from "@customer-modules/core"

import type DocumentService from "#services/document"

/** GET /admin/jobs/documents/:id/download: the PDF (rendered now if still queued). */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { content, filename } = await req.scope.resolve<DocumentService>("documentService").content(req.params.id)
  res.setHeader("content-type", "application/pdf")
  res.setHeader("Content-Disposition", contentDisposition("inline", `${filename}`))
  res.send(content)
}
