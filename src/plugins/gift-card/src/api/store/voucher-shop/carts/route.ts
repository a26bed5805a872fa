import { publicRoute } from "@customer-modules/pos"

import type VoucherShopService from "#services/voucher-shop"
import { CreateShopCart } from "#validators"

/**
 * POST /store/voucher-shop/carts `{ email, sender_name, locale?, delivery?, shipping_address?, items: [{ amount | product_id,
 * design_id?, recipient_name, recipient_email, message?, deliver_on? }] }` → 201 `{ cart_id, total, currency_code, items }`:
 * a guest cart to pay through Medusa's checkout (payment sessions, complete). The vouchers are issued when the payment is captured.
 */
export const POST = publicRoute({
  body: CreateShopCart,
  limit: { points: 30, duration_s: 60 },
  handler: async (req, manager, { body }) => ({
    status: 201,
    body: await req.scope.resolve<VoucherShopService>("voucherShopService").withTransaction(manager).createCart(body),
  }),
})
