import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation, parseBody } from "@customer-modules/core"

import type MailService from "#services/mail"
import { enqueueMailSchema } from "#src/schemas"
import type { EnqueueMailInput } from "#src/schemas"
import { ListMails } from "#validators"

/** GET /admin/jobs/mails?status&kind&limit&offset: the mail log (outbox), newest first. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(ListMails, req.query)
  const mail = req.scope.resolve<MailService>("mailService")
  res.json({ ...(await mail.list(query as Parameters<MailService["list"]>[0])), transport: mail.transport })
}

/**
 * POST /admin/jobs/mails `{ key, kind, to, locale?, data, attachments? }` → 202 `{ mail }`: queues a mail (same key: same mail).
 * The mail is written in the jobs plugin's own transaction, not the wrapper's, so that its worker finds the committed row (decision 134).
 */
export const POST = adminMutation({
  ownTransactions: true,
  body: enqueueMailSchema,
  handler: async (req, _manager, body) => ({
    status: 202,
    body: { mail: await req.scope.resolve<MailService>("mailService").enqueue(body as EnqueueMailInput) },
  }),
})
