import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { parseBody } from "@customer-modules/core"

import type DebtorAccountService from "../../../services/debtor-account"
import { ListAccounts, OpenAccount } from "../../../validators"

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
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(OpenAccount, req.body)
  const manager = req.scope.resolve<EntityManager>("manager")
  const account = await manager.transaction((tx) => req.scope.resolve<DebtorAccountService>("debtorAccountService").withTransaction(tx).open(body))
  res.status(201).json({ account })
}
