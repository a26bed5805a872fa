import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { DomainError, parseBody } from "@customer-modules/core"

import type VoucherShopService from "../../../../services/voucher-shop"
import { limitPublicCall } from "../../../../utils/public-limit"
import { guardedLookup } from "../../../../utils/public-lookup"
import { BlankTopUp } from "../../../../validators"

/**
 * POST /store/top-up/blank-voucher `{ serial, pin, amount, email, locale? }` → 201 `{ cart_id, total, currency_code }`:
 * a guest cart loading a blank voucher, to pay through Medusa's checkout; credited when the payment is captured, once.
 * A wrong PIN is 422 `invalid_pin` and counts against the serial (locked after five) and the caller's IP.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(BlankTopUp, req.body)
  await limitPublicCall(req, res)
  const shop = req.scope.resolve<VoucherShopService>("voucherShopService")
  const manager = req.scope.resolve<EntityManager>("manager")
  const result = await guardedLookup(req, res, async () => {
    const blank = await manager.transaction((tx) => shop.withTransaction(tx).verifyBlank(body.serial, body.pin))
    if (!blank.card_id) {
      throw new DomainError("invalid_pin", "This serial number and PIN do not match a blank voucher", 422)
    }
    return manager.transaction((tx) =>
      shop.withTransaction(tx).createBlankTopUpCart({ card_id: blank.card_id, amount: body.amount, email: body.email, locale: body.locale })
    )
  })
  res.status(201).json(result)
}
