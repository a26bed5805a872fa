import { adminMutation } from "@customer-modules/core"

import type PrepaidCardService from "#services/prepaid-card"
import { CreateBatch } from "#validators"

/**
 * POST /admin/prepaid-cards/batch `{ currency_code, codes? | range_id + count }`
 * → 201 `{ prepaid_cards, count }`: pre-printed cards, inactive until a till
 * issues them. All or nothing (409 `code_taken` when any code is in use).
 * Needs an Idempotency-Key: a retry with it creates nothing more.
 */
export const POST = adminMutation({
  body: CreateBatch,
  requireKey: true,
  handler: async (req, tx, body) => {
    const prepaid_cards = await req.scope.resolve<PrepaidCardService>("prepaidCardService").withTransaction(tx).createBatch(body)
    return { status: 201, body: { prepaid_cards, count: prepaid_cards.length } }
  },
})
