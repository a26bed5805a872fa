import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import { z } from "zod"

import { DomainError, parseBody, sendEmbedPage } from "@customer-modules/core"
import type { PosLocationService } from "@customer-modules/pos"

import type ReservationPlanService from "#services/reservation-plan"
import { bookingPage, pickLocale } from "#src/embed/booking-page"
import { localDate } from "#src/engine/availability"

const Query = z.object({ location_id: z.string().trim().min(1).max(64), locale: z.enum(["de", "en", "pt"]).optional() }).strict()

/** GET /embed/booking?location_id=[&locale=] → the booking page for an iframe (text/html). */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const q = parseBody(Query, req.query)
  const plans = req.scope.resolve<ReservationPlanService>("reservationPlanService")
  const settings = await plans.settings(q.location_id).catch((e) => {
    throw e instanceof DomainError ? new DomainError("not_found", "No reservations at this location", 404) : e
  })
  const location = await req.scope.resolve<PosLocationService>("posLocationService").retrieve(q.location_id)
  const page = bookingPage({
    locale: pickLocale(q.locale, req.get("accept-language")),
    location_id: location.id,
    location_name: location.name,
    settings,
    today: localDate(Date.now(), location.time_zone),
  })
  sendEmbedPage(res, page)
}
