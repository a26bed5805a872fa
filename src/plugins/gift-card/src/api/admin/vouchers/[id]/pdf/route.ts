import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition, parseBody } from "@customer-modules/core"
import type { DocumentService } from "@customer-modules/jobs"

import type VoucherService from "#services/voucher"
import { VoucherPdfQuery } from "#validators"

/** GET /admin/vouchers/:id/pdf[?locale=] → the voucher as a PDF in the merchant's design, to print or hand over. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { locale } = parseBody(VoucherPdfQuery, req.query)
  const data = await req.scope.resolve<VoucherService>("voucherService").documentData(req.params.id, { locale: locale ?? null })
  const pdf = await req.scope.resolve<DocumentService>("documentService").render("voucher", data)
  res.setHeader("Content-Type", "application/pdf")
  res.setHeader("Content-Disposition", contentDisposition("inline", `voucher-${data.code}.pdf`))
  res.send(pdf)
}
