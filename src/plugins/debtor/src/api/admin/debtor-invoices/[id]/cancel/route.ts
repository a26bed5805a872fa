import { adminMutation } from "@customer-modules/core"

import type DebtorInvoiceService from "#services/debtor-invoice"
import { CancelInvoice } from "#validators"

/**
 * POST /admin/debtor-invoices/:id/cancel `{ reason? }` → `{ invoice, credit_note }`:
 * the invoice keeps its number and becomes `cancelled`; the credit note gets
 * the next number of its own series. 422 `invoice_has_payments`.
 */
export const POST = adminMutation({
  body: CancelInvoice,
  handler: async (req, manager, body) => ({
    status: 200,
    body: await req.scope.resolve<DebtorInvoiceService>("debtorInvoiceService").withTransaction(manager).cancel(req.params.id, body),
  }),
})
