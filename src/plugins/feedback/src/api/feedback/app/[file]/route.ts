import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import type { BrandingService } from "@customer-modules/jobs"

import { sendModule } from "#utils/static-files"
import { brandCss, TABLET_CSS } from "#utils/tablet-css"

/**
 * GET /feedback/app/:file → the app's own modules (`tablet.js`, `outbox.js`) and
 * `tablet.css`: the app's styles with the merchant's colours and logo (branding of the
 * jobs plugin) as custom properties.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const file = String(req.params.file)
  if (file === "tablet.css") {
    const branding = await req.scope.resolve<BrandingService>("brandingService").retrieve()
    res.setHeader("Content-Type", "text/css; charset=utf-8")
    res.setHeader("Cache-Control", "no-cache")
    res.setHeader("X-Content-Type-Options", "nosniff")
    res.send(TABLET_CSS + brandCss(branding))
    return
  }
  sendModule(res, "app", file)
}
