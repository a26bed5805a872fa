/**
 * Module demo, reservations: per location the settings (open every day), a
 * floor plan (two areas, six tables, one combination) and today's and
 * tomorrow's bookings by phone and online, in several statuses (seated,
 * finished, no-show, cancelled, confirmed). Today's earlier bookings are made
 * with the service's own clock (`now_ms`) set to this morning.
 */
import type { ReservationPlanService, ReservationService } from "@customer-modules/reservation"

import type { DemoContext } from "./context"

type Booking = { day: 0 | 1; time: string; party: number; name: string; phone?: string; email?: string; source: "phone" | "online"; status?: "seated" | "finished" | "no_show" | "cancelled"; note?: string }

const BOOKINGS: Booking[] = [
  { day: 0, time: "08:30", party: 2, name: "Familie Roth", phone: "+49 30 5550201", source: "phone", status: "finished" },
  { day: 0, time: "09:00", party: 4, name: "Hannah Vogel", email: "hannah.vogel@example.com", source: "online", status: "no_show" },
  { day: 0, time: "12:00", party: 6, name: "Team Nordlicht", phone: "+49 30 5550202", source: "phone", note: "Geburtstag, bitte Kerze", status: "seated" },
  { day: 0, time: "12:30", party: 2, name: "Jan Hartmann", email: "jan.hartmann@example.com", source: "online", status: "cancelled" },
  { day: 0, time: "18:30", party: 3, name: "Sara Lehmann", email: "sara.lehmann@example.com", source: "online" },
  { day: 0, time: "19:00", party: 8, name: "Stammtisch Weber", phone: "+49 30 5550203", source: "phone", note: "Tische zusammenstellen" },
  { day: 1, time: "09:30", party: 2, name: "Nina Krüger", email: "nina.krueger@example.com", source: "online" },
  { day: 1, time: "13:00", party: 5, name: "Praxis Dr. Adler", phone: "+49 30 5550204", source: "phone" },
  { day: 1, time: "19:30", party: 4, name: "João Pereira", email: "joao.pereira@example.com", source: "online", note: "Vegetarisch" },
]

export async function seedReservationDemo(ctx: DemoContext): Promise<string[]> {
  if (!ctx.has("reservationService") || !ctx.locations.length) {
    return []
  }
  const plans = ctx.resolve<ReservationPlanService>("reservationPlanService")
  const reservations = ctx.resolve<ReservationService>("reservationService")
  const { clock, locations } = ctx
  let tables = 0
  let bookings = 0
  for (const [l, location] of locations.entries()) {
    await plans.putSettings(location.id, {
      online: true,
      slot_minutes: 30,
      opening_hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: "08:00", close: "22:00" })),
      turn_minutes: 90,
      turn_minutes_by_party: [{ up_to: 2, minutes: 75 }],
      buffer_minutes: 0,
      min_party: 1,
      max_party: 12,
      lead_minutes: 60,
      horizon_days: 90,
      newsletter_consent_text: "Ja, ich möchte den Newsletter des Demo Cafés erhalten.",
    })
    const inside = await plans.createArea({ location_id: location.id, name: "Innenraum", priority: 10, position: 0 })
    const terrace = await plans.createArea({ location_id: location.id, name: "Terrasse", priority: 0, position: 1 })
    const made = []
    for (const [t, spec] of [
      { area: inside.id, name: "T1", min: 1, max: 2, shape: "square" as const, x: 40, y: 40 },
      { area: inside.id, name: "T2", min: 1, max: 2, shape: "square" as const, x: 160, y: 40 },
      { area: inside.id, name: "T3", min: 2, max: 4, shape: "rect" as const, x: 40, y: 180 },
      { area: inside.id, name: "T4", min: 4, max: 6, shape: "rect" as const, x: 200, y: 180 },
      { area: terrace.id, name: "A1", min: 2, max: 4, shape: "round" as const, x: 60, y: 60 },
      { area: terrace.id, name: "A2", min: 2, max: 4, shape: "round" as const, x: 220, y: 60 },
    ].entries()) {
      made.push(
        await plans.createTable({ area_id: spec.area, name: spec.name, min_seats: spec.min, max_seats: spec.max, shape: spec.shape, x: spec.x, y: spec.y, width: spec.shape === "rect" ? 140 : 80, height: 80, priority: 10 - t })
      )
    }
    tables += made.length
    // T3 and T4 pushed together seat a party of eight to ten.
    await plans.createCombination({ table_ids: [made[2].id, made[3].id], min_seats: 6, max_seats: 10 })

    const morning = clock.at(0, "07:00").getTime()
    for (const b of BOOKINGS.filter((_, i) => l === 0 || i % 2 === 1)) {
      const { reservation } = await reservations.book(
        { location_id: location.id, starts_at: clock.iso(b.day, b.time), party_size: b.party, name: b.name, phone: b.phone, email: b.email, note: b.note, locale: "de" },
        b.source === "online" ? "online" : "staff",
        b.source,
        Math.min(morning, Date.now())
      )
      if (b.status === "finished") {
        await reservations.setStatus(reservation.id, "seated")
      }
      if (b.status) {
        await reservations.setStatus(reservation.id, b.status)
      }
      bookings++
    }
  }
  return [`reservations: ${tables} tables in ${locations.length} floor plans, ${bookings} bookings today and tomorrow`]
}
