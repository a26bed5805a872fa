export type { default as ReservationService, ReservationDTO, PublicReservation } from "./services/reservation"
export type { default as ReservationPlanService } from "./services/reservation-plan"
export * from "./engine/types"
