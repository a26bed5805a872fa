import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { parseBody } from "@customer-modules/core"

import type DebtorInvoiceService from "../../../../../services/debtor-invoice"
import { CancelInvoice } from "../../../../../validators"

/**
 * POST /admin/debtor-invoices/:id/cancel `{ reason? }` → `{ invoice, credit_note }`:
 * the invoice keeps its number and becomes `cancelled`; the credit note gets
 * the next number of its own series. 422 `invoice_has_payments`.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(CancelInvoice, req.body)
  const manager = req.scope.resolve<EntityManager>("manager")
  const result = await manager.transaction((tx) =>
    req.scope.resolve<DebtorInvoiceService>("debtorInvoiceService").withTransaction(tx).cancel(req.params.id, body)
  )
  res.json(result)
}
