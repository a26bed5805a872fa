import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition, DomainError, parseBody } from "@customer-modules/core"
import type { DocumentService } from "@customer-modules/jobs"

import type VoucherShopService from "#services/voucher-shop"
import { ShopQuery } from "#validators"

const SAMPLE: Record<"de" | "en" | "pt", { name: string; message: string }> = {
  de: { name: "Erika Mustermann", message: "Alles Gute zum Geburtstag!" },
  en: { name: "Jane Doe", message: "Happy birthday!" },
  pt: { name: "Maria Silva", message: "Feliz aniversário!" },
}

/** GET /admin/voucher-shop/designs/:id/preview?locale= → a sample voucher PDF in this design and the saved branding. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { locale } = parseBody(ShopQuery, req.query)
  const shop = req.scope.resolve<VoucherShopService>("voucherShopService")
  const design = (await shop.listDesigns()).find((d) => d.id === req.params.id)
  if (!design) {
    throw new DomainError("not_found", `Design ${req.params.id} was not found`, 404)
  }
  const settings = await shop.settings()
  const pdf = await req.scope.resolve<DocumentService>("documentService").render("voucher", {
    code: "SAMPLE-0000-0000",
    amount_minor: settings.preset_amounts[0] ?? settings.min_amount,
    currency_code: settings.currency_code,
    recipient_name: SAMPLE[locale].name,
    message: SAMPLE[locale].message,
    background_image: design.image,
    locale,
  })
  res.setHeader("content-type", "application/pdf")
  res.setHeader("Content-Disposition", contentDisposition("inline", `voucher-design-preview.pdf`))
  res.setHeader("cache-control", "no-store")
  res.send(pdf)
}
