import type { MedusaResponse } from "@medusajs/medusa"

import { publicRoute } from "@customer-modules/pos"

import type PrepaidCardService from "#services/prepaid-card"
import { countMisses } from "#utils/public-call"
import { GuestTopUpCart } from "#validators"

/**
 * POST /store/top-up/prepaid-card `{ number, amount, email }` → 201 `{ cart_id, total, currency_code }`: a guest cart
 * topping up the prepaid card with this number, paid through Medusa's checkout; the card is credited once its payment
 * is captured, exactly once. Rate-limited per IP; unknown numbers count as misses (429 past the limit).
 */
export const POST = publicRoute({
  body: GuestTopUpCart,
  limit: { points: 30, duration_s: 60 },
  handler: async (req, manager, { body }) => ({
    status: 201,
    body: await countMisses(req, req.res as MedusaResponse, () =>
      req.scope.resolve<PrepaidCardService>("prepaidCardService").withTransaction(manager).createGuestTopUpCart(body.number, body.amount, body.email)
    ),
  }),
})
