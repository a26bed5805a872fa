import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import { stringify } from "csv-stringify/sync"

import { contentDisposition, parseBody } from "@customer-modules/core"

import type ReservationService from "#services/reservation"
import { ListQuery } from "#validators"

const COLUMNS = ["id", "business_date", "starts_at", "ends_at", "status", "source", "party_size", "table_ids", "name", "email", "phone", "note", "newsletter", "no_shows"] as const

/** Cells a spreadsheet would run as a formula are prefixed with a quote (CSV injection). */
const safe = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)

/** GET /admin/reservations/export?location_id=&date=[&status=&area_id=&q=] → text/csv of the day's list. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(ListQuery, req.query)
  const rows = await req.scope.resolve<ReservationService>("reservationService").list(query)
  const csv = stringify(
    rows.map((r) => COLUMNS.map((c) => safe(Array.isArray(r[c]) ? (r[c] as string[]).join(" ") : String(r[c] ?? "")))),
    { header: true, columns: [...COLUMNS] }
  )
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", contentDisposition("attachment", `reservations-${query.date}.csv`))
  res.send(csv)
}
