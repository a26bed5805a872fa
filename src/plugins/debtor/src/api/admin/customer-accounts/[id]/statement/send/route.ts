import { adminMutation } from "@customer-modules/core"

import type DebtorAccountService from "#services/debtor-account"
import { SendStatement } from "#validators"

/** POST /admin/customer-accounts/:id/statement/send `{ to? }` → 202 `{ mail }` (mail `account_statement` with the PDF). */
export const POST = adminMutation({
  body: SendStatement,
  handler: async (req, manager, { to }) => {
    const mail = await req.scope.resolve<DebtorAccountService>("debtorAccountService").withTransaction(manager).sendStatement(req.params.id, to)
    return { status: 202, body: { mail } }
  },
})
