import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition, parseBody } from "@customer-modules/core"

import type DebtorInvoiceService from "#services/debtor-invoice"
import { openItemsCsv, paymentsCsv } from "#utils/csv"
import { ExportQuery } from "#validators"

/** GET /admin/debtor-invoices/export?kind=open_items|payments[&from=&to=] → text/csv. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(ExportQuery, req.query)
  const service = req.scope.resolve<DebtorInvoiceService>("debtorInvoiceService")
  const csv = query.kind === "open_items" ? openItemsCsv(await service.openItems()) : paymentsCsv(await service.paymentsBetween(query.from, query.to))
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", contentDisposition("attachment", `debtor-${query.kind}.csv`))
  res.status(200).send(csv)
}
