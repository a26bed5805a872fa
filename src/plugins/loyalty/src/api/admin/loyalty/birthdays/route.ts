import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"
import type { PosLocationService } from "@customer-modules/pos"

import type LoyaltyService from "../../../../services/loyalty"
import { BirthdayQuery } from "../../../../validators"

/**
 * GET /admin/loyalty/birthdays?days=14&location_id=&from= → `{ birthdays: [{ customer, date, age }], time_zone }`:
 * members whose birthday falls in the next `days` days (from today, or the
 * day of the instant `from`), counted in the
 * location's time zone (the programme's without one).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(BirthdayQuery, req.query)
  const service = req.scope.resolve<LoyaltyService>("loyaltyService")
  const timeZone = query.location_id
    ? (await req.scope.resolve<PosLocationService>("posLocationService").retrieve(query.location_id)).time_zone
    : (await service.settings()).time_zone
  res.json({ birthdays: await service.upcomingBirthdays(query.days ?? 14, timeZone, query.from), time_zone: timeZone })
}
