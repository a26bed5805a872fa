import { adminMutation } from "@customer-modules/core"

import type PrepaidCardService from "#services/prepaid-card"
import { StatusChange } from "#validators"

/** POST /admin/prepaid-cards/:id/block `{ reason? }` → `{ prepaid_card }`; doing it twice changes nothing. */
export const POST = adminMutation({
  body: StatusChange,
  handler: async (req, tx, { reason }) => {
    const prepaid_card = await req.scope.resolve<PrepaidCardService>("prepaidCardService").withTransaction(tx).block(req.params.id, reason ?? null)
    return { status: 200, body: { prepaid_card } }
  },
})
