import type { MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { DomainError } from "@customer-modules/core"
import { publicRoute } from "@customer-modules/pos"

import type VoucherShopService from "#services/voucher-shop"
import { guardedLookup } from "#utils/public-lookup"
import { BlankTopUp } from "#validators"

/**
 * POST /store/top-up/blank-voucher `{ serial, pin, amount, email, locale? }` → 201 `{ cart_id, total, currency_code }`:
 * a guest cart loading a blank voucher, to pay through Medusa's checkout; credited when the payment is captured, once.
 * A wrong PIN is 422 `invalid_pin` and counts against the serial (locked after five) and the caller's IP.
 */
export const POST = publicRoute({
  body: BlankTopUp,
  limit: { points: 30, duration_s: 60 },
  handler: async (req, manager, { body }) => {
    const shop = req.scope.resolve<VoucherShopService>("voucherShopService")
    // The PIN check commits on its own: a wrong PIN stays counted although this call fails.
    const own = req.scope.resolve<EntityManager>("manager")
    const result = await guardedLookup(req, req.res as MedusaResponse, async () => {
      const blank = await own.transaction((tx) => shop.withTransaction(tx).verifyBlank(body.serial, body.pin))
      if (!blank.card_id) {
        throw new DomainError("invalid_pin", "This serial number and PIN do not match a blank voucher", 422)
      }
      return shop.withTransaction(manager).createBlankTopUpCart({ card_id: blank.card_id, amount: body.amount, email: body.email, locale: body.locale })
    })
    return { status: 201, body: result }
  },
})
