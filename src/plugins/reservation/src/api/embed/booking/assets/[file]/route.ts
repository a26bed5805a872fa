import path from "path"

import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { sendStaticFile } from "@customer-modules/core"

/** The plugin's own static files for the booking page (no inline script: the page's CSP allows only these). */
const STATIC_DIR = path.join(path.dirname(require.resolve("@customer-modules/reservation/package.json")), "static")

/** GET /embed/booking/assets/:file → booking.js, cancel.js or booking.css; 404 for anything else. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  sendStaticFile(res, STATIC_DIR, req.params.file, { only: ["booking.js", "cancel.js", "booking.css"] })
}
