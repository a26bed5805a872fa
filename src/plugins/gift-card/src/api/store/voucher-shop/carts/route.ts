import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { parseBody } from "@customer-modules/core"

import type VoucherShopService from "../../../../services/voucher-shop"
import { limitPublicCall } from "../../../../utils/public-limit"
import { CreateShopCart } from "../../../../validators"

/**
 * POST /store/voucher-shop/carts `{ email, sender_name, locale?, delivery?, shipping_address?, items: [{ amount | product_id,
 * design_id?, recipient_name, recipient_email, message?, deliver_on? }] }` → 201 `{ cart_id, total, currency_code, items }`:
 * a guest cart to pay through Medusa's checkout (payment sessions, complete). The vouchers are issued when the payment is captured.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(CreateShopCart, req.body)
  await limitPublicCall(req, res)
  const manager = req.scope.resolve<EntityManager>("manager")
  const result = await manager.transaction((tx) => req.scope.resolve<VoucherShopService>("voucherShopService").withTransaction(tx).createCart(body))
  res.status(201).json(result)
}
