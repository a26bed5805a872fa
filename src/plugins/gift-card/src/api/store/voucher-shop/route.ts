import { publicRoute } from "@customer-modules/pos"

import type VoucherShopService from "#services/voucher-shop"
import { ShopQuery } from "#validators"

/** GET /store/voucher-shop?locale= → `{ shop }`: amounts, designs, product vouchers, postage, texts, validity, time zone. */
export const GET = publicRoute({
  query: ShopQuery,
  limit: { points: 120, duration_s: 60 },
  handler: async (req, manager, { query }) => ({
    status: 200,
    body: { shop: await req.scope.resolve<VoucherShopService>("voucherShopService").withTransaction(manager).publicShop(query.locale) },
  }),
})
