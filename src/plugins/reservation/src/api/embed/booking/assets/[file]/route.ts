import fs from "fs"
import path from "path"

import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

/** The plugin's own static files for the booking page (no inline script: the page's CSP allows only these). */
const FILES: Record<string, string> = { "booking.js": "application/javascript; charset=utf-8", "cancel.js": "application/javascript; charset=utf-8", "booking.css": "text/css; charset=utf-8" }
const STATIC_DIR = path.join(path.dirname(require.resolve("@customer-modules/reservation/package.json")), "static")

/** GET /embed/booking/assets/:file → booking.js or booking.css; 404 for anything else. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const type = FILES[req.params.file]
  if (!type) {
    res.status(404).json({ type: "not_found", message: "Unknown file" })
    return
  }
  res.setHeader("Content-Type", type)
  res.setHeader("Cache-Control", "public, max-age=300")
  res.setHeader("X-Content-Type-Options", "nosniff")
  res.send(fs.readFileSync(path.join(STATIC_DIR, req.params.file)))
}
