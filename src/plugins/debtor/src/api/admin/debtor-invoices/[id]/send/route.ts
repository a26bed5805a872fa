import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type DebtorInvoiceService from "../../../../../services/debtor-invoice"
import { SendInvoice } from "../../../../../validators"

/** POST /admin/debtor-invoices/:id/send `{ to? }` → 202 `{ mail }`: sends the invoice PDF (again). */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { to } = parseBody(SendInvoice, req.body)
  const mail = await req.scope.resolve<DebtorInvoiceService>("debtorInvoiceService").resend(req.params.id, to)
  res.status(202).json({ mail })
}
