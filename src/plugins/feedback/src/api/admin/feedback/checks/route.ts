import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { contentDisposition, csvOf, parseBody } from "@customer-modules/core"

import type FeedbackCheckService from "#services/feedback-check"
import { ChecksQuery } from "#validators"

/**
 * GET /admin/feedback/checks[?checklist_id=&location_id=&from=&to=&format=csv] → the check
 * log `{ checks: [{ id, checklist_id, checklist_name, staff: { id, name }, terminal_id, location_id,
 * items, checked_at }] }`, newest first; `format=csv` as a CSV file.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { format, ...filter } = parseBody(ChecksQuery, req.query)
  const checks = await req.scope.resolve<FeedbackCheckService>("feedbackCheckService").listChecks(filter)
  if (format !== "csv") {
    res.json({ checks })
    return
  }
  const columns = ["check_id", "checked_at", "checklist_id", "checklist_name", "staff_id", "staff_name", "terminal_id", "location_id", "items"]
  const rows = checks.map((c) => [
    c.id,
    new Date(c.checked_at).toISOString(),
    c.checklist_id,
    c.checklist_name,
    c.staff.id,
    c.staff.name,
    c.terminal_id,
    c.location_id,
    c.items.join("|"),
  ])
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", contentDisposition("attachment", "checks.csv"))
  res.send(csvOf(rows, columns))
}
