import { createHash } from "crypto"

import { adminMutation } from "@customer-modules/core"
import type { MailService } from "@customer-modules/jobs"

import type VoucherService from "#services/voucher"
import { SendVoucher } from "#validators"

/** The longest part of a mail key taken from the caller's Idempotency-Key (longer keys are hashed, never cut). */
const AGAIN_LENGTH = 80

/**
 * POST /admin/vouchers/:id/send `{ email, locale?, recipient_name?, message? }` → `202 { mail }`:
 * e-mails the voucher with its PDF (in the merchant's design) through the jobs
 * pipeline. The same voucher to the same address is one mail; send an
 * `Idempotency-Key` header to send it again on purpose (the same key and body
 * replay the first answer, decision 131).
 *
 * The mail is enqueued by the jobs plugin in its own transaction, not the
 * wrapper's: its worker must find the committed row (decision 134).
 */
export const POST = adminMutation({
  ownTransactions: true,
  body: SendVoucher,
  handler: async (req, manager, body, { idempotency_key }) => {
    const document = await req.scope.resolve<VoucherService>("voucherService").withTransaction(manager).documentData(req.params.id, body)
    const again = idempotency_key && idempotency_key.length > AGAIN_LENGTH ? createHash("sha256").update(idempotency_key).digest("hex") : idempotency_key
    const key = `voucher:${req.params.id}:mail:${body.email.toLowerCase()}${again ? `:${again}` : ""}`
    const mail = await req.scope.resolve<MailService>("mailService").enqueue({
      key,
      kind: "voucher",
      to: body.email,
      locale: body.locale ?? null,
      data: {
        customer_name: body.recipient_name ?? null,
        code: document.code,
        amount_minor: document.amount_minor,
        currency_code: document.currency_code,
        valid_until: document.valid_until ?? null,
        message: body.message ?? null,
      },
      attachments: [{ document: { kind: "voucher", key: `${key}:pdf`, data: document, filename: `voucher-${document.code}.pdf` } }],
    })
    return { status: 202, body: { mail } }
  },
})
