import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator"

import type { EventView } from "../types"
import { plainText } from "./markdown"

/** The stable UID of an event in every calendar file (mail attachments and the feed). */
export function eventUid(e: { id: string }): string {
  return `${e.id}@customer-modules`
}

function addEvent(cal: ReturnType<typeof ical>, e: EventView, url?: string): void {
  cal.createEvent({
    id: eventUid(e),
    sequence: e.sequence,
    start: e.starts_at,
    end: e.ends_at,
    // Times in UTC (…Z): every calendar shows them in its own zone, none shifts them.
    summary: e.title,
    description: plainText(e.description) || undefined,
    location: [e.venue.name, e.venue.address].filter(Boolean).join(", "),
    status: e.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    url: url ?? undefined,
    stamp: e.updated_at,
  })
}

/** The `.ics` of one event for a participant's mail (METHOD:PUBLISH; CANCEL when the event is cancelled). */
export function eventIcs(e: EventView, name: string): string {
  const cal = ical({ name, prodId: { company: "customer-modules", product: "event" } })
  cal.method(e.status === "cancelled" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH)
  addEvent(cal, e)
  return cal.toString()
}

/** The iCalendar feed of the published events. */
export function eventsFeed(events: EventView[], name: string, baseUrl: string): string {
  const cal = ical({ name, prodId: { company: "customer-modules", product: "event" } })
  for (const e of events) {
    addEvent(cal, e, `${baseUrl}/embed/events/${e.id}`)
  }
  return cal.toString()
}
