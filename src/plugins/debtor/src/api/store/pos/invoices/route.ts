import { posRoute } from "@customer-modules/pos"

import type DebtorInvoiceService from "#services/debtor-invoice"
import { CreateInvoice } from "#validators"

/**
 * POST /store/pos/invoices `{ customer_id?, customer_name?, email?, currency_code,
 * lines: [{ title, quantity, unit_price, tax_rate }] }` → 201 `{ invoice: { id,
 * number, total, currency_code, status: "open", … } }`. Gross unit prices; the
 * number is the next of the year in the location's time zone, without gaps.
 */
export const POST = posRoute({
  scope: "debtor",
  body: CreateInvoice,
  handler: async (req, ctx, body) => {
    const service = req.scope.resolve<DebtorInvoiceService>("debtorInvoiceService").withTransaction(ctx.manager)
    const invoice = await service.create(body, ctx.tx)
    return { status: 201, body: { invoice } }
  },
})
