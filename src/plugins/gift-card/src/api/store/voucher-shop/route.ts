import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type VoucherShopService from "../../../services/voucher-shop"
import { ShopQuery } from "../../../validators"

/** GET /store/voucher-shop?locale= → `{ shop }`: amounts, designs, product vouchers, postage, texts, validity, time zone. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { locale } = parseBody(ShopQuery, req.query)
  res.setHeader("Cache-Control", "public, max-age=60")
  res.json({ shop: await req.scope.resolve<VoucherShopService>("voucherShopService").publicShop(locale) })
}
