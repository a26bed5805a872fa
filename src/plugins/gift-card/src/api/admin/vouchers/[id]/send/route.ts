import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"
import type { MailService } from "@customer-modules/jobs"

import type VoucherService from "#services/voucher"
import { SendVoucher } from "#validators"

/**
 * POST /admin/vouchers/:id/send `{ email, locale?, recipient_name?, message? }` → `202 { mail }`:
 * e-mails the voucher with its PDF (in the merchant's design) through the jobs
 * pipeline. The same voucher to the same address is one mail; send an
 * `Idempotency-Key` header to send it again on purpose.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(SendVoucher, req.body)
  const vouchers = req.scope.resolve<VoucherService>("voucherService")
  const document = await vouchers.documentData(req.params.id, body)
  const again = (req.get("idempotency-key") ?? "").trim().slice(0, 80)
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
  res.status(202).json({ mail })
}
