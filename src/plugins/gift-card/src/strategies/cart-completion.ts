import { CartCompletionResponse, IdempotencyKey } from "@medusajs/medusa"
import CoreCartCompletionStrategy from "@medusajs/medusa/dist/strategies/cart-completion"
import type { RequestContext } from "@medusajs/medusa/dist/types/request"
import type { EntityManager } from "typeorm"

import { isDomainError } from "@customer-modules/core"

import type VoucherCheckoutService from "../services/voucher-checkout"

type Cradle = ConstructorParameters<typeof CoreCartCompletionStrategy>[0] & {
  manager: EntityManager
  voucherCheckoutService: VoucherCheckoutService
}

/**
 * Medusa's cart completion, with gift vouchers paid from the ledger exactly
 * once: shadows refreshed from the ledger, the vouchers' rows locked, Medusa
 * completes the cart, and the amounts the order took are debited before the
 * lock is released. Carts without vouchers complete exactly as in Medusa.
 */
export default class VoucherCartCompletionStrategy extends CoreCartCompletionStrategy {
  protected readonly cradle_: Cradle

  constructor(cradle: Cradle) {
    super(cradle)
    this.cradle_ = cradle
  }

  override async complete(id: string, ikey: IdempotencyKey, context: RequestContext): Promise<CartCompletionResponse> {
    const checkout = this.cradle_.voucherCheckoutService
    const shadows = await checkout.refreshShadows(id)
    if (!shadows.length) {
      return super.complete(id, ikey, context)
    }
    // A till may have spent from a voucher since the customer saw the total: ask them to look again.
    if (shadows.some((s) => s.changed) && !(await this.alreadyCompleted_(id))) {
      return voucherChanged()
    }
    try {
      return await this.cradle_.manager.transaction(async (tx) => {
        // Tills wait for these locks at most 2 s (see posRoute); we wait for theirs at most 5 s.
        await tx.query(`SET LOCAL lock_timeout = '5s'`)
        await checkout.withTransaction(tx).lockForCompletion(shadows)
        const result = await super.complete(id, ikey, context)
        const body = result.response_body as { type?: string; data?: { id?: string } } | undefined
        if (result.response_code === 200 && body?.type === "order" && body.data?.id) {
          await checkout.withTransaction(tx).debitOrder(body.data.id)
        }
        return result
      })
    } catch (e) {
      if (isDomainError(e)) {
        await checkout.refreshShadows(id)
        return { response_code: e.status, response_body: { type: e.type, message: e.message } }
      }
      throw e
    }
  }

  protected async alreadyCompleted_(cartId: string): Promise<boolean> {
    const [row] = await this.cradle_.manager.query(`SELECT completed_at FROM cart WHERE id = $1`, [cartId])
    return Boolean(row?.completed_at)
  }
}

function voucherChanged(): CartCompletionResponse {
  return {
    response_code: 409,
    response_body: {
      type: "voucher_changed",
      message: "A voucher on this cart was used or changed meanwhile; the cart's total has been updated, please check it and complete again",
    },
  }
}
