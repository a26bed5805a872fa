import path from "path"

import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { sendStaticFile } from "@customer-modules/core"

/** The plugin's `static/` folder. */
const DIR = path.resolve(__dirname, "..", "..", "..", "..", "..", "..", "static")

/** GET /embed/events/assets/:file → the registration script or the page style; 404 for anything else. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  sendStaticFile(res, DIR, req.params.file, { only: ["register.js", "event.css"] })
}
