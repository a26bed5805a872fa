import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition, parseBody } from "@customer-modules/core"
import type { PosLocationService } from "@customer-modules/pos"

import type PrepaidCardService from "#services/prepaid-card"
import { transactionsCsv } from "#utils/csv"
import { ExportQuery } from "#validators"

/** Rows in one export; narrow the period for more. */
const MAX_ROWS = 100_000

/**
 * GET /admin/prepaid-cards/export[?from=&to=&location_id=] → text/csv of the
 * prepaid cards' transactions in [from, to), oldest first. `X-Truncated: true`
 * when the period held more than 100 000 rows.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const filter = parseBody(ExportQuery, req.query)
  const service = req.scope.resolve<PrepaidCardService>("prepaidCardService")
  const { rows, truncated } = await service.transactionsForExport({ ...filter, max_rows: MAX_ROWS })
  const locations = await req.scope.resolve<PosLocationService>("posLocationService").list()
  const csv = transactionsCsv(rows, new Map(locations.map((l) => [l.id, l.name])))
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", contentDisposition("attachment", `prepaid-transactions.csv`))
  if (truncated) {
    res.setHeader("X-Truncated", "true")
  }
  res.status(200).send(csv)
}
