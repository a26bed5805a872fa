import type { GiftCardService, MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import { asValue } from "awilix"
import { Raw } from "typeorm"

/** A shadow carries the voucher's account in its metadata (decision 7); Medusa's own gift cards do not. */
const NOT_A_SHADOW = Raw((column) => `NOT (COALESCE(${column}, '{}'::jsonb) ? 'ledger_account_id')`)

/**
 * Medusa's own gift-card list in the admin (`GET /admin/gift-cards`) leaves out
 * the shadows that pay web carts with our vouchers: the merchant sees vouchers
 * only under "Gift vouchers". For this request only, the list reads through a
 * `giftCardService` whose `listAndCount` adds that filter; everything else of
 * the service, and every other request, is Medusa's own.
 */
export function hideVoucherShadows(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction): void {
  if (req.method !== "GET") {
    return next()
  }
  const own = req.scope.resolve<GiftCardService>("giftCardService")
  const filtered: GiftCardService = Object.create(own)
  filtered.listAndCount = (selector = {}, config) => own.listAndCount({ ...selector, metadata: NOT_A_SHADOW } as typeof selector, config)
  req.scope.register({ giftCardService: asValue(filtered) })
  next()
}
