import { posRoute } from "@customer-modules/pos"

import type PrepaidCardService from "#services/prepaid-card"
import { IssuePrepaidCard } from "#validators"

/**
 * POST /store/pos/prepaid-cards `{ code?, currency_code, customer_id? }` → 201
 * `{ prepaid_card }`: issues a card (generated code, or the scanned RFID UID,
 * barcode or printed number); a pre-printed inactive card is activated. Till
 * business: scope `prepaid_charge` (a top-up terminal cannot issue cards).
 */
export const POST = posRoute({
  scope: "prepaid_charge",
  body: IssuePrepaidCard,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<PrepaidCardService>("prepaidCardService").withTransaction(ctx.manager)
    const { prepaid_card } = await service.issue(body, ctx.tx)
    return { status: 201, body: { prepaid_card } }
  },
})
