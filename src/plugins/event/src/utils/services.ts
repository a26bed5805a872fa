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

/** The server's public base URL, for links. */
export function publicUrl(req: MedusaRequest): string {
  const configured = process.env.PUBLIC_URL?.replace(/\/+$/, "")
  return configured || `${req.protocol}://${req.get("host")}`
}
