export type { default as EventService } from "./services/event"
export type { default as EventRegistrationService } from "./services/event-registration"
export type { EventView, Registration, Venue, Template } from "./types"
