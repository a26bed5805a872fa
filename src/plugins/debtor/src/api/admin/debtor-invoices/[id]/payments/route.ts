import { adminMutation, adminUserIdOf } from "@customer-modules/core"

import type DebtorInvoiceService from "#services/debtor-invoice"
import { RecordPayment } from "#validators"

/**
 * POST /admin/debtor-invoices/:id/payments `{ amount, method, paid_on?, reference? }`
 * with an `Idempotency-Key` header → 201 `{ invoice, payment }`; the invoice is
 * `paid` once payments cover the total; 422 `overpayment` / `invoice_cancelled`.
 * The same key and body again return the first answer and record nothing;
 * another body with that key is 409 `idempotency_conflict`; without a key 400
 * `idempotency_key_missing`.
 */
export const POST = adminMutation({
  body: RecordPayment,
  requireKey: true,
  handler: async (req, tx, body, { idempotency_key }) => {
    const { replayed, ...answer } = await req.scope
      .resolve<DebtorInvoiceService>("debtorInvoiceService")
      .withTransaction(tx)
      .recordPayment(req.params.id, body, { user_id: adminUserIdOf(req), idempotency_key })
    return { status: replayed ? 200 : 201, body: answer }
  },
})
