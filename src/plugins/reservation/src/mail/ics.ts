import icalGenerator, { ICalCalendarMethod } from "ical-generator"

/** The calendar entry (.ics) attached to the confirmation: one event, its times in UTC (every calendar shows them in its own zone). */
export function reservationIcs(input: { id: string; starts_at: string; ends_at: string; summary: string; location: string; description?: string; url?: string | null }): string {
  const calendar = icalGenerator({ name: input.summary, prodId: { company: "customer-modules", product: "reservation" }, method: ICalCalendarMethod.PUBLISH })
  calendar.createEvent({
    id: `${input.id}@reservation`,
    start: new Date(input.starts_at),
    end: new Date(input.ends_at),
    summary: input.summary,
    location: input.location,
    description: input.description,
    url: input.url ?? undefined,
  })
  return calendar.toString()
}
