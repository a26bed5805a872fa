import { adminMutation } from "@customer-modules/core"

import type DebtorInvoiceService from "#services/debtor-invoice"
import { CreditRefunds } from "#validators"

/**
 * POST /admin/debtor-invoices/orders/:order_id/credit-refunds `{}` → `{ credit_notes }`:
 * what the refund subscriber does, by hand (recovery when it failed: Medusa's
 * event bus tries once). Every Medusa refund of the order against its
 * `invoice` payment that has no credit note yet gets one; a repeat writes
 * nothing more and answers `credit_notes: []`.
 */
export const POST = adminMutation({
  body: CreditRefunds,
  handler: async (req, manager) => ({
    status: 200,
    body: {
      credit_notes: await req.scope.resolve<DebtorInvoiceService>("debtorInvoiceService").withTransaction(manager).creditRefundsOfOrder(req.params.order_id),
    },
  }),
})
