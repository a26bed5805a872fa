import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition, parseBody } from "@customer-modules/core"
import type { DocumentService } from "@customer-modules/jobs"

import type VoucherShopService from "#services/voucher-shop"
import { PostalLabelsQuery } from "#validators"

/**
 * GET /admin/voucher-shop/sales/labels?to_post=true|false&locale= → address labels (PDF, A4, 3 × 8 labels of 70 × 37 mm)
 * of the postal voucher orders still to post (`to_post=false`: every postal one), the merchant as sender.
 * 404 `nothing_to_post` when there is none.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const q = parseBody(PostalLabelsQuery, req.query)
  const data = await req.scope.resolve<VoucherShopService>("voucherShopService").postalLabelsData({ to_post: q.to_post === "true", locale: q.locale })
  const pdf = await req.scope.resolve<DocumentService>("documentService").render("gift_card_postal_labels", data)
  res.setHeader("Content-Type", "application/pdf")
  res.setHeader("Content-Disposition", contentDisposition("inline", "voucher-postal-labels.pdf"))
  res.send(pdf)
}
