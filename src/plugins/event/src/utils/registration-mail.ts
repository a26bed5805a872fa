import type { Logger } from "@medusajs/medusa"
import type { AwilixContainer } from "awilix"

import type { MailService } from "@customer-modules/jobs"

import { eventIcs } from "./ics"
import { acceptUrl, cancelTokens, acceptTokens, cancelUrl } from "./links"
import { publicUrl } from "./services"
import type EventService from "../services/event"
import type EventRegistrationService from "../services/event-registration"
import type { EventView, Registration } from "../types"

export type EventMailKind =
  | "event_registration_confirmed"
  | "event_registration_waitlisted"
  | "event_registration_offered"
  | "event_registration_cancelled"
  | "event_registration_expired"
  | "event_changed"
  | "event_cancelled"
  | "event_reminder"

/** Kinds that carry the date as an `.ics` (a confirmation, a change, a cancellation of the event). */
const WITH_ICS = new Set<EventMailKind>(["event_registration_confirmed", "event_changed", "event_cancelled", "event_registration_cancelled"])

/**
 * The mails of a registration, enqueued through the jobs plugin under a business
 * key (`event-reg:<id>:<kind>[:<sequence>]`), so a repeated event sends nothing
 * more. Registrations without an e-mail address (phone, till) get none.
 */
export async function sendRegistrationMail(container: AwilixContainer, registrationId: string, kind: EventMailKind): Promise<boolean> {
  const registrations = container.resolve<EventRegistrationService>("eventRegistrationService")
  const events = container.resolve<EventService>("eventService")
  const r = await registrations.retrieve(registrationId)
  if (!r.email) {
    return false
  }
  const e = await events.retrieve(r.event_id)
  const scope = { scope: container as never }
  const base = publicUrl()
  const live = r.status === "confirmed" || r.status === "waitlisted" || r.status === "held"
  const data = {
    name: r.name,
    title: e.title,
    starts_at: e.starts_at.toISOString(),
    ends_at: e.ends_at.toISOString(),
    time_zone: e.time_zone,
    venue: e.venue.name,
    address: e.venue.address,
    quantity: r.quantity,
    amount: r.amount,
    currency_code: r.currency_code,
    payment_status: r.payment_status,
    cancel_url: live && e.status === "scheduled" ? cancelUrl(base, r.id, cancelTokens(scope).sign(r.id), r.locale) : null,
    accept_url: kind === "event_registration_offered" ? acceptUrl(base, r.id, acceptTokens(scope).sign(r.id), r.locale) : null,
    offer_expires_at: r.offer_expires_at ? r.offer_expires_at.toISOString() : null,
    text:
      kind === "event_registration_confirmed" ? (e.mail_texts.confirmation ?? null) : kind === "event_reminder" ? (e.mail_texts.reminder ?? null) : null,
    checkin_code: (kind === "event_registration_confirmed" || kind === "event_reminder") && r.status === "confirmed" ? r.id : null,
  }
  const suffix = kind === "event_changed" || kind === "event_cancelled" || kind === "event_reminder" ? `:${e.sequence}` : ""
  const attachments = WITH_ICS.has(kind) ? [{ file: { filename: "event.ics", content_type: "text/calendar" as const, content: icsFor(e, r, kind) } }] : []
  await container.resolve<MailService>("mailService").enqueue({
    key: `event-reg:${r.id}:${kind}${suffix}`,
    kind,
    to: r.email,
    locale: r.locale,
    data,
    attachments,
  })
  return true
}

/** The calendar entry: cancelled when the event or this registration is. */
function icsFor(e: EventView, r: Registration, kind: EventMailKind): string {
  const cancelled = kind === "event_registration_cancelled" ? { ...e, status: "cancelled" as const, sequence: e.sequence + 1 } : e
  return eventIcs(cancelled, r.name ? e.title : e.title)
}

/** Logs without names, e-mails or tokens. */
export function logMailFailure(container: AwilixContainer, registrationId: string, kind: string, error: unknown): void {
  container.resolve<Logger>("logger").warn(`event: ${kind} mail for ${registrationId} not queued: ${(error as Error)?.message ?? String(error)}`)
}
