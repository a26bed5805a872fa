import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { sendAsset } from "#utils/embed"

/** GET /embed/top-up/script: the top-up page's own script (static). */
export async function GET(_req: MedusaRequest, res: MedusaResponse): Promise<void> {
  sendAsset(res, "top-up.js")
}
