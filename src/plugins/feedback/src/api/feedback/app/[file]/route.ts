import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { sendModule } from "../../../../utils/static-files"
import { TABLET_CSS } from "../../../../utils/tablet-css"

/** GET /feedback/app/:file → the app's own modules (`tablet.js`, `outbox.js`) and `tablet.css`. */
export function GET(req: MedusaRequest, res: MedusaResponse): void {
  const file = String(req.params.file)
  if (file === "tablet.css") {
    res.setHeader("Content-Type", "text/css; charset=utf-8")
    res.setHeader("Cache-Control", "no-cache")
    res.send(TABLET_CSS)
    return
  }
  sendModule(res, "app", file)
}
