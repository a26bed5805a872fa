import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition, csvOf, parseBody } from "@customer-modules/core"

import type ReservationService from "#services/reservation"
import { ListQuery } from "#validators"

const COLUMNS = ["id", "business_date", "starts_at", "ends_at", "status", "source", "party_size", "table_ids", "name", "email", "phone", "note", "newsletter", "no_shows"] as const

/** GET /admin/reservations/export?location_id=&date=[&status=&area_id=&q=] → text/csv of the day's list. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(ListQuery, req.query)
  const rows = await req.scope.resolve<ReservationService>("reservationService").list(query)
  const csv = csvOf(
    rows.map((r) => COLUMNS.map((c) => (Array.isArray(r[c]) ? (r[c] as string[]).join(" ") : String(r[c] ?? "")))),
    COLUMNS
  )
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", contentDisposition("attachment", `reservations-${query.date}.csv`))
  res.send(csv)
}
