import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import type DebtorAccountService from "#services/debtor-account"
import { UpdateAccount } from "#validators"

/** GET /admin/customer-accounts/:id → `{ account }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const account = await req.scope.resolve<DebtorAccountService>("debtorAccountService").retrieve(req.params.id)
  res.json({ account })
}

/** POST /admin/customer-accounts/:id `{ credit_limit }` → `{ account }`; 422 `limit_below_balance`. */
export const POST = adminMutation({
  body: UpdateAccount,
  handler: async (req, manager, { credit_limit }) => {
    const account = await req.scope.resolve<DebtorAccountService>("debtorAccountService").withTransaction(manager).setCreditLimit(req.params.id, credit_limit)
    return { status: 200, body: { account } }
  },
})
