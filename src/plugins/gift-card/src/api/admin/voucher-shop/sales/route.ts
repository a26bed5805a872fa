import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition, csvOf, parseBody } from "@customer-modules/core"

import type VoucherShopService from "#services/voucher-shop"
import { SalesQuery } from "#validators"

/**
 * GET /admin/voucher-shop/sales?postal=&to_post=&limit=&offset=&format= → `{ sales, count }`: online sales, newest first,
 * with order, buyer, recipient, delivery date and status (`scheduled`, `sent`, `posted`). `to_post=true&format=csv` is
 * the address export for labels (name, address lines, postal code, city, country, order).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const q = parseBody(SalesQuery, req.query)
  const [sales, count] = await req.scope.resolve<VoucherShopService>("voucherShopService").listSales({
    postal: q.postal === "true",
    to_post: q.to_post === "true",
    limit: q.format === "csv" ? 1000 : (q.limit ?? 50),
    offset: q.offset ?? 0,
  })
  if (q.format === "csv") {
    const rows = sales
      .filter((s) => s.shipping_address)
      .map((s) => {
        const a = s.shipping_address as Record<string, string | null>
        return [a.name, a.line1, a.line2 ?? "", a.postal_code, a.city, (a.country_code ?? "").toUpperCase(), String(s.order_display_id ?? ""), String(s.id)]
      })
    res.setHeader("Content-Type", "text/csv; charset=utf-8")
    res.setHeader("Content-Disposition", contentDisposition("attachment", "voucher-postal-labels.csv"))
    // Cells that a spreadsheet would run as a formula are quoted as text.
    res.send(csvOf(rows, ["name", "line1", "line2", "postal_code", "city", "country", "order", "sale_id"]))
    return
  }
  res.json({ sales, count })
}
