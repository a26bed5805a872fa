import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation, adminUserIdOf } from "@customer-modules/core"

import type DebtorInvoiceService from "#services/debtor-invoice"
import { CorrectBuyer } from "#validators"

/** GET /admin/debtor-invoices/:id → `{ invoice }` with payments, credit note, corrections and reminders. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const invoice = await req.scope.resolve<DebtorInvoiceService>("debtorInvoiceService").retrieveDetail(req.params.id)
  res.json({ invoice })
}

/**
 * POST /admin/debtor-invoices/:id `{ customer_name?, address_lines?, email? }` →
 * `{ invoice }`: corrects the buyer of an open invoice without payments (422
 * `invoice_locked` otherwise); recorded with before/after, the number stays.
 */
export const POST = adminMutation({
  body: CorrectBuyer,
  handler: async (req, manager, body) => ({
    status: 200,
    body: {
      invoice: await req.scope
        .resolve<DebtorInvoiceService>("debtorInvoiceService")
        .withTransaction(manager)
        .correctBuyer(req.params.id, body, { user_id: adminUserIdOf(req) }),
    },
  }),
})
