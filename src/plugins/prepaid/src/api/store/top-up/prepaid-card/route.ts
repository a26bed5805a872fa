import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { parseBody } from "@customer-modules/core"

import type PrepaidCardService from "../../../../services/prepaid-card"
import { publicCardCall } from "../../../../utils/public-call"
import { GuestTopUpCart } from "../../../../validators"

/**
 * POST /store/top-up/prepaid-card `{ number, amount, email }` → 201 `{ cart_id, total, currency_code }`: a guest cart
 * topping up the prepaid card with this number, paid through Medusa's checkout; the card is credited once its payment
 * is captured, exactly once. Rate-limited per IP; unknown numbers count as misses (429 past the limit).
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(GuestTopUpCart, req.body)
  const manager = req.scope.resolve<EntityManager>("manager")
  const result = await publicCardCall(req, res, () =>
    manager.transaction((tx) =>
      req.scope.resolve<PrepaidCardService>("prepaidCardService").withTransaction(tx).createGuestTopUpCart(body.number, body.amount, body.email)
    )
  )
  res.status(201).json(result)
}
