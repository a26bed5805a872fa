import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { parseBody } from "@customer-modules/core"

import type DebtorInvoiceService from "../../../../../services/debtor-invoice"
import { adminUserIdOf } from "../../../../../utils/request"
import { RecordPayment } from "../../../../../validators"

/**
 * POST /admin/debtor-invoices/:id/payments `{ amount, method, paid_on?, reference? }`
 * → 201 `{ invoice, payment }`; the invoice is `paid` once payments cover the
 * total; 422 `overpayment` / `invoice_cancelled`.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(RecordPayment, req.body)
  const manager = req.scope.resolve<EntityManager>("manager")
  const result = await manager.transaction((tx) =>
    req.scope.resolve<DebtorInvoiceService>("debtorInvoiceService").withTransaction(tx).recordPayment(req.params.id, body, { user_id: adminUserIdOf(req) })
  )
  res.status(201).json(result)
}
