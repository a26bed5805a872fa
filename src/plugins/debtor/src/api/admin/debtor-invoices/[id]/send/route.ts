import { adminMutation } from "@customer-modules/core"

import type DebtorDocumentService from "#services/debtor-document"
import { SendInvoice } from "#validators"

/** POST /admin/debtor-invoices/:id/send `{ to? }` → 202 `{ mail }`: sends the invoice PDF (again). */
export const POST = adminMutation({
  body: SendInvoice,
  handler: async (req, manager, { to }) => {
    const mail = await req.scope.resolve<DebtorDocumentService>("debtorDocumentService").withTransaction(manager).resend(req.params.id, to)
    return { status: 202, body: { mail } }
  },
})
