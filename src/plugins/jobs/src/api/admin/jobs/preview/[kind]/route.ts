import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition, parseBody } from "@customer-modules/core"

import type BrandingService from "#services/branding"
import type DocumentService from "#services/document"
import { sampleDocument } from "#src/pdf/samples"
import { registeredDocumentKind } from "#src/registry"
import type { UpdateBrandingInput } from "#src/schemas"
import type { DocumentKind } from "#types"
import { PreviewKind } from "#validators"

async function preview(req: MedusaRequest, res: MedusaResponse, draft: UpdateBrandingInput | null): Promise<void> {
  const kind = parseBody(PreviewKind, req.params.kind)
  const branding = draft ? await req.scope.resolve<BrandingService>("brandingService").preview(draft) : undefined
  const registered = registeredDocumentKind(kind)
  const sample = registered ? (registered.def.sample as Record<string, unknown>) : sampleDocument(kind as DocumentKind)
  const pdf = await req.scope.resolve<DocumentService>("documentService").render(kind, sample, branding)
  res.setHeader("content-type", "application/pdf")
  res.setHeader("Content-Disposition", contentDisposition("inline", `preview-${kind}.pdf`))
  res.setHeader("cache-control", "no-store")
  res.send(pdf)
}

/** GET /admin/jobs/preview/:kind: a sample document of this kind in the saved branding (application/pdf). */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  await preview(req, res, null)
}

/**
 * POST /admin/jobs/preview/:kind `{ …branding draft }`: the same with unsaved branding fields (live preview); 400 for invalid ones.
 * Not through `adminMutation` (decision 134): it changes nothing and answers a PDF, while the wrapper answers JSON
 * (and would store the PDF as an idempotent answer). Its refusals are the same `{ type, message }` (parseBody).
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  await preview(req, res, (req.body ?? {}) as UpdateBrandingInput)
}
