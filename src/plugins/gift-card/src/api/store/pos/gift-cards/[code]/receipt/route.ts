import { parseBody } from "@customer-modules/core"
import { posRoute } from "@customer-modules/pos"
import type { PosLocationService } from "@customer-modules/pos"

import type VoucherService from "#services/voucher"
import { voucherReceipt } from "#utils/receipt"
import { ReceiptQuery } from "#validators"

/**
 * GET /store/pos/gift-cards/:code/receipt[?columns=42&locale=de&title=] →
 * `{ escpos_base64, columns }`: the voucher for the receipt printer (amount,
 * number, QR code, validity), ESC/POS bytes as base64. Reprintable at any time.
 */
export const GET = posRoute({
  scope: "gift_card",
  codeLookup: true,
  handler: async (req, ctx) => {
    const query = parseBody(ReceiptQuery, req.query)
    const gift_card = await req.scope.resolve<VoucherService>("voucherService").withTransaction(ctx.manager).retrieveByCode(req.params.code)
    const location = await req.scope.resolve<PosLocationService>("posLocationService").withTransaction(ctx.manager).retrieve(ctx.terminal.location_id)
    const bytes = voucherReceipt(gift_card, {
      columns: query.columns as 32 | 42 | 48,
      locale: query.locale,
      title: query.title ?? location.name,
      time_zone: location.time_zone,
    })
    return { status: 200, body: { escpos_base64: Buffer.from(bytes).toString("base64"), columns: query.columns } }
  },
})
