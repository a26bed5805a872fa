import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { customerIdOf, DomainError, parseBody } from "@customer-modules/core"

import type VoucherService from "#services/voucher"
import { PageQuery } from "#validators"

/** GET /store/vouchers/:id/transactions → `{ transactions, count }`: one of the customer's own vouchers' history; 404 for anyone else's. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { limit = 50, offset = 0 } = parseBody(PageQuery, req.query)
  const service = req.scope.resolve<VoucherService>("voucherService")
  const voucher = await service.retrieve(req.params.id).catch(() => null)
  if (!voucher || voucher.customer_id !== customerIdOf(req)) {
    throw new DomainError("not_found", "No voucher of yours has this id", 404)
  }
  const [transactions, count] = await service.history(voucher.id, { limit, offset })
  res.json({
    transactions: transactions.map(({ id, type, amount, balance_after, currency_code, created_at }) => ({ id, type, amount, balance_after, currency_code, created_at })),
    count,
  })
}
