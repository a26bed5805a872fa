import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { sendAsset } from "#utils/embed"

/** GET /embed/vouchers/script: the voucher shop page's own script (static). */
export async function GET(_req: MedusaRequest, res: MedusaResponse): Promise<void> {
  sendAsset(res, "voucher-shop.js")
}
