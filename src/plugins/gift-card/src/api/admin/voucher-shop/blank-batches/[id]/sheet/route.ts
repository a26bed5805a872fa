import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition, parseBody } from "@customer-modules/core"
import type { DocumentService } from "@customer-modules/jobs"

import type VoucherShopService from "#services/voucher-shop"
import { BlankSheetQuery } from "#validators"

/**
 * GET /admin/voucher-shop/blank-batches/:id/sheet?locale=&design_id= → the batch's print sheet (PDF, A4, 8 per page):
 * per voucher the serial with a QR code of the top-up link, the PIN for the scratch field, the top-up address and the
 * till code, in the merchant's design. 404 unknown batch; 409 `pins_unavailable` when its PINs were not kept.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const q = parseBody(BlankSheetQuery, req.query)
  const data = await req.scope.resolve<VoucherShopService>("voucherShopService").blankSheetData(req.params.id, { locale: q.locale, design_id: q.design_id })
  const pdf = await req.scope.resolve<DocumentService>("documentService").render("gift_card_blank_sheet", data)
  res.setHeader("Content-Type", "application/pdf")
  res.setHeader("Cache-Control", "no-store")
  res.setHeader("Content-Disposition", contentDisposition("attachment", `blank-vouchers-${req.params.id}.pdf`))
  res.send(pdf)
}
