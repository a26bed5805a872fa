import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { DomainError, parseBody } from "@customer-modules/core"

import type DebtorInvoiceService from "../../../../../services/debtor-invoice"
import { adminUserIdOf } from "../../../../../utils/request"
import { RecordPayment } from "../../../../../validators"

const MAX_KEY_LENGTH = 120

/**
 * POST /admin/debtor-invoices/:id/payments `{ amount, method, paid_on?, reference? }`
 * → 201 `{ invoice, payment }`; the invoice is `paid` once payments cover the
 * total; 422 `overpayment` / `invoice_cancelled`. With an `Idempotency-Key`
 * header the same key again returns the first payment (200) and records nothing.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(RecordPayment, req.body)
  const key = req.get("idempotency-key")?.trim() || null
  if (key !== null && key.length > MAX_KEY_LENGTH) {
    throw new DomainError("invalid_request", `Idempotency-Key: at most ${MAX_KEY_LENGTH} characters`, 400)
  }
  const manager = req.scope.resolve<EntityManager>("manager")
  const result = await manager.transaction((tx) =>
    req.scope.resolve<DebtorInvoiceService>("debtorInvoiceService").withTransaction(tx).recordPayment(req.params.id, body, { user_id: adminUserIdOf(req), idempotency_key: key })
  )
  const { replayed, ...answer } = result
  res.status(replayed ? 200 : 201).json(answer)
}
