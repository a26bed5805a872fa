import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { sendAsset } from "#utils/embed"

/** GET /embed/vouchers/style: the style of the shop and top-up pages (static). */
export async function GET(_req: MedusaRequest, res: MedusaResponse): Promise<void> {
  sendAsset(res, "embed.css")
}
