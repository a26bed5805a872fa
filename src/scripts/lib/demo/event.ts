/**
 * Module demo, events: a venue (the salon of the first location), a template (latte-art
 * workshop), a weekly series made from it, two single events (a tasting, a
 * brunch) and participants registered by staff, paid and unpaid.
 */
import type { EventRegistrationService, EventService } from "@customer-modules/event"

import type { DemoContext } from "./context"

const PEOPLE = [
  { name: "Katrin Böhm", email: "katrin.boehm@example.com" },
  { name: "Max Lorenz", email: "max.lorenz@example.com" },
  { name: "Ana Ribeiro", email: "ana.ribeiro@example.com" },
  { name: "Oliver Franke", email: "oliver.franke@example.com" },
  { name: "Mila Scholz", email: "mila.scholz@example.com" },
]

export async function seedEventDemo(ctx: DemoContext): Promise<string[]> {
  if (!ctx.has("eventService") || !ctx.locations.length) {
    return []
  }
  const events = ctx.resolve<EventService>("eventService")
  const registrations = ctx.resolve<EventRegistrationService>("eventRegistrationService")
  const { clock, locations } = ctx
  const venue = await events.createVenue({ name: `${locations[0].name}, Salon`, time_zone: clock.timeZone, capacity_hint: 40, location_id: locations[0].id })
  const template = await events.createTemplate({
    title: "Latte-Art-Workshop",
    description: "Milch schäumen, Herz und Tulpe gießen: zwei Stunden an der Siebträgermaschine mit unserem Barista.",
    venue_id: venue.id,
    duration_minutes: 120,
    capacity: 8,
    price: 3900,
    currency_code: "eur",
    price_categories: [],
    questions: [],
    waitlist: true,
    mail_texts: {},
  })
  const series = await events.createFromTemplate(template.id, {
    time: "18:00",
    weekly: { weekdays: [Number(new Date(`${clock.day(4)}T12:00:00Z`).getUTCDay()) || 7], from: clock.day(1), until: clock.day(29) },
    published: true,
  })
  const tasting = await events.create({
    title: "Kaffee-Verkostung: Äthiopien und Kolumbien",
    venue_id: venue.id,
    starts_at: clock.iso(9, "19:00"),
    ends_at: clock.iso(9, "21:00"),
    capacity: 20,
    price: 1500,
    currency_code: "eur",
    published: true,
    description: "Vier Röstungen im Vergleich, mit Gebäck aus der eigenen Backstube.",
  })
  const brunch = await events.create({
    title: "Sonntagsbrunch mit Live-Musik",
    venue_id: venue.id,
    starts_at: clock.iso(16, "10:30"),
    ends_at: clock.iso(16, "14:00"),
    capacity: 40,
    price: 2900,
    currency_code: "eur",
    published: true,
  })
  let registered = 0
  const plan: [string, number, boolean][] = [
    [series[0].id, 0, true],
    [series[0].id, 1, false],
    [series[0].id, 2, true],
    [tasting.id, 3, true],
    [tasting.id, 4, false],
    [tasting.id, 0, true],
    [brunch.id, 1, true],
    [brunch.id, 2, false],
  ]
  for (const [eventId, p, paid] of plan) {
    await registrations.register(eventId, { ...PEOPLE[p], quantity: 1 + (p % 2), locale: "de", ...(paid ? { paid: true, method: "cash" } : {}) }, "admin")
    registered++
  }
  return [`events: 1 venue, 1 template, ${series.length + 2} upcoming events (${series.length} in a weekly series), ${registered} registrations`]
}
