import type { MedusaRequest } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import type EventService from "../services/event"
import type EventRegistrationService from "../services/event-registration"

/** The plugin's two services, bound to `manager` when one is given. */
export function servicesOf(req: MedusaRequest, manager?: EntityManager): { events: EventService; registrations: EventRegistrationService } {
  const events = req.scope.resolve<EventService>("eventService")
  const registrations = req.scope.resolve<EventRegistrationService>("eventRegistrationService")
  return manager
    ? { events: events.withTransaction(manager), registrations: registrations.withTransaction(manager) }
    : { events, registrations }
}

/** The server's public base URL, for links (PUBLIC_URL, as medusa-config.js reads it). */
export function publicUrl(_req?: MedusaRequest): string {
  return (process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 9000}`).replace(/\/+$/, "")
}
