import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import { z } from "zod"

import { DomainError, parseBody } from "@customer-modules/core"

import { renderMail } from "#mail/templates"
import type BrandingService from "#services/branding"
import { registeredMailKind } from "#src/registry"
import { LOCALES } from "#types"

const PreviewMailQuery = z.object({ locale: z.enum(LOCALES).optional() }).strict()

/**
 * GET /admin/jobs/preview-mail/:kind?locale= → `{ subject, html, text }`: a
 * registered mail kind rendered with its sample data in the saved branding.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { locale } = parseBody(PreviewMailQuery, req.query)
  const def = registeredMailKind(String(req.params.kind))
  if (!def) {
    throw new DomainError("not_found", "No registered mail kind of that name", 404)
  }
  const branding = await req.scope.resolve<BrandingService>("brandingService").retrieve()
  const mail = renderMail(def.kind, def.sample, locale ?? null, branding)
  res.setHeader("cache-control", "no-store")
  res.json({ kind: def.kind, plugin: def.plugin, subject: mail.subject, html: mail.html, text: mail.text })
}
