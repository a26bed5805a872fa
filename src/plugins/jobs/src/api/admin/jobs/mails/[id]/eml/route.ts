import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition } from "@customer-modules/core"

import type MailService from "#services/mail"

/** GET /admin/jobs/mails/:id/eml: the message as sent (message/rfc822). */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const raw = await req.scope.resolve<MailService>("mailService").eml(req.params.id)
  res.setHeader("content-type", "message/rfc822")
  res.setHeader("Content-Disposition", contentDisposition("attachment", `${req.params.id.replace(/[^A-Za-z0-9_]/g, "")}.eml`))
  res.send(raw)
}
