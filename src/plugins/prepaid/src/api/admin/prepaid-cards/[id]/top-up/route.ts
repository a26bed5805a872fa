import { adminMutation, adminUserIdOf, ledgerKeyOf } from "@customer-modules/core"

import type PrepaidCardService from "#services/prepaid-card"
import { AdminTopUp } from "#validators"

/**
 * POST /admin/prepaid-cards/:id/top-up `{ amount, reason }` with an
 * `Idempotency-Key` header → `{ prepaid_card, transaction }`: an adjustment
 * credit. The same key and body again return the first answer and change
 * nothing; another body with that key is 409 `idempotency_conflict`; without a
 * key 400 `idempotency_key_missing`.
 */
export const POST = adminMutation({
  body: AdminTopUp,
  requireKey: true,
  handler: async (req, tx, body, { idempotency_key }) => ({
    status: 200,
    body: await req.scope
      .resolve<PrepaidCardService>("prepaidCardService")
      .withTransaction(tx)
      .adjust(req.params.id, body.amount, { reason: body.reason, user_id: adminUserIdOf(req), idempotency_key: ledgerKeyOf(idempotency_key) }),
  }),
})
