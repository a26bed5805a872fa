import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import type MailService from "#services/mail"

/** GET /admin/jobs/mails/:id → `{ mail }` with its subject, html and text as rendered. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ mail: await req.scope.resolve<MailService>("mailService").retrieve(req.params.id) })
}
