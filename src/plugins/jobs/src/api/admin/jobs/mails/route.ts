import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type MailService from "#services/mail"
import type { EnqueueMailInput } from "#src/schemas"
import { ListMails } from "#validators"

/** GET /admin/jobs/mails?status&kind&limit&offset: the mail log (outbox), newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(ListMails, req.query)
  const mail = req.scope.resolve<MailService>("mailService")
  res.json({ ...(await mail.list(query as Parameters<MailService["list"]>[0])), transport: mail.transport })
}

/** POST /admin/jobs/mails `{ key, kind, to, locale?, data, attachments? }` → 202 `{ mail }`: queues a mail (same key: same mail). */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const mail = req.scope.resolve<MailService>("mailService")
  res.status(202).json({ mail: await mail.enqueue(req.body as EnqueueMailInput) })
}
