import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { sendAsset } from "#utils/embed"

/** GET /embed/checkout/script: the payment step shared by the shop, the top-up page and the top-level checkout page (static). */
export async function GET(_req: MedusaRequest, res: MedusaResponse): Promise<void> {
  sendAsset(res, "payment.js")
}
