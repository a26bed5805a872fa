import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type DebtorInvoiceService from "#services/debtor-invoice"
import { ListInvoices } from "#validators"

/**
 * GET /admin/debtor-invoices[?status=open|overdue|paid|cancelled&customer_id=&from=&to=&q=&limit=&offset=]
 * → `{ invoices, count, totals: [{ currency_code, count, total, paid, open }], limit, offset }`.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { limit = 50, offset = 0, ...filter } = parseBody(ListInvoices, req.query)
  const result = await req.scope.resolve<DebtorInvoiceService>("debtorInvoiceService").listAndCount(filter, { limit, offset })
  res.json({ ...result, limit, offset })
}
