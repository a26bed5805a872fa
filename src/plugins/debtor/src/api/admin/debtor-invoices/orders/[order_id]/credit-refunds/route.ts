import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { parseBody } from "@customer-modules/core"

import type DebtorInvoiceService from "../../../../../../services/debtor-invoice"
import { CreditRefunds } from "../../../../../../validators"

/**
 * POST /admin/debtor-invoices/orders/:order_id/credit-refunds `{}` → `{ credit_notes }`:
 * what the refund subscriber does, by hand (recovery when it failed: Medusa's
 * event bus tries once). Every Medusa refund of the order against its
 * `invoice` payment that has no credit note yet gets one; a repeat writes
 * nothing more and answers `credit_notes: []`.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  parseBody(CreditRefunds, req.body)
  const manager = req.scope.resolve<EntityManager>("manager")
  const credit_notes = await manager.transaction((tx) =>
    req.scope.resolve<DebtorInvoiceService>("debtorInvoiceService").withTransaction(tx).creditRefundsOfOrder(req.params.order_id)
  )
  res.json({ credit_notes })
}
