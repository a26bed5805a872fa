import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { parseBody } from "@customer-modules/core"

import type LoyaltyBirthdayService from "#services/loyalty-birthday"
import { birthdayTimeZone } from "#utils/time-zone"
import { BirthdayQuery } from "#validators"

/**
 * GET /admin/loyalty/birthdays?days=14&location_id=&from= → `{ birthdays: [{ customer, date, age }], time_zone }`:
 * members whose birthday falls in the next `days` days (from today, or the
 * day of the instant `from`), counted in the
 * location's time zone (the programme's without one).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const query = parseBody(BirthdayQuery, req.query)
  const timeZone = await birthdayTimeZone(req, query.location_id)
  const birthdays = await req.scope.resolve<LoyaltyBirthdayService>("loyaltyBirthdayService").upcomingBirthdays(query.days ?? 14, timeZone, query.from)
  res.json({ birthdays, time_zone: timeZone })
}
