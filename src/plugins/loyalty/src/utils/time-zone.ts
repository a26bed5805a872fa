import type { MedusaRequest } from "@medusajs/medusa"

import type { PosLocationService } from "@customer-modules/pos"

import type LoyaltyService from "../services/loyalty"

/** The time zone birthdays are counted in: the location's, or the programme's without one (404 for an unknown location). */
export async function birthdayTimeZone(req: MedusaRequest, locationId: string | undefined): Promise<string> {
  return locationId
    ? (await req.scope.resolve<PosLocationService>("posLocationService").retrieve(locationId)).time_zone
    : (await req.scope.resolve<LoyaltyService>("loyaltyService").settings()).time_zone
}
