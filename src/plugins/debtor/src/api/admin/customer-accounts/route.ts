import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation, parseBody } from "@customer-modules/core"

import type DebtorAccountService from "#services/debtor-account"
import { ListAccounts, OpenAccount } from "#validators"

/** GET /admin/customer-accounts[?customer_id=&limit=&offset=] → `{ accounts, count, limit, offset }`. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { limit = 50, offset = 0, ...filter } = parseBody(ListAccounts, req.query)
  const [accounts, count] = await req.scope.resolve<DebtorAccountService>("debtorAccountService").list(filter, { limit, offset })
  res.json({ accounts, count, limit, offset })
}

/**
 * POST /admin/customer-accounts `{ customer_id, currency_code, credit_limit }` →
 * 201 `{ account }` (with `card_code`: the customer's card, created when they had none).
 */
export const POST = adminMutation({
  body: OpenAccount,
  handler: async (req, manager, body) => ({
    status: 201,
    body: { account: await req.scope.resolve<DebtorAccountService>("debtorAccountService").withTransaction(manager).open(body) },
  }),
})
