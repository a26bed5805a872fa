import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation } from "@customer-modules/core"

import type VoucherShopService from "#services/voucher-shop"
import { CreateBlankBatch } from "#validators"

/** GET /admin/voucher-shop/blank-batches → `{ batches }` with how many of each are loaded. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ batches: await req.scope.resolve<VoucherShopService>("voucherShopService").listBlankBatches() })
}

/**
 * POST /admin/voucher-shop/blank-batches `{ name, currency_code, count, first_serial? }` → 201 `{ batch, vouchers: [{ serial, code, pin }] }`:
 * blank vouchers, inactive until loaded online with serial and PIN. The PINs are shown only in this answer (for the print sheet).
 */
export const POST = adminMutation({
  body: CreateBlankBatch,
  handler: async (req, manager, body) => ({
    status: 201,
    body: await req.scope.resolve<VoucherShopService>("voucherShopService").withTransaction(manager).createBlankBatch(body),
  }),
})
