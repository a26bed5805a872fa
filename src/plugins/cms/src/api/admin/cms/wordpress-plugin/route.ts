import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { sendAsset } from "#utils/assets"

/** GET /admin/cms/wordpress-plugin → the WordPress plugin as a zip to upload under Plugins → Add New. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  sendAsset(req, res, "customer-modules-wordpress.zip", "application/zip", 0, "customer-modules.zip")
}
