/**
 * The reservation plugin's data as the server answers it, shared by the server code and the
 * admin page (pure types, no server imports: Medusa's admin bundler compiles this file too).
 */
import type { EngineCombination, EngineRule, TableShape } from "./engine/types"

export type ReservationStatus = "confirmed" | "seated" | "finished" | "cancelled" | "no_show"
export type ReservationSource = "online" | "phone" | "walk_in"

export type ReservationDTO = {
  id: string
  location_id: string
  status: ReservationStatus
  source: ReservationSource
  starts_at: string
  ends_at: string
  business_date: string
  party_size: number
  table_ids: string[]
  name: string
  email: string | null
  phone: string | null
  note: string | null
  locale: string
  pinned: boolean
  guest_requested: boolean
  newsletter: boolean
  warnings: string[]
  /** The tables it held before its last move (by the engine to make room, or by staff), with the time of that move. */
  moved_from_table_ids: string[]
  moved_at: string | null
  created_at: string
}

export type AreaDTO = { id: string; location_id: string; name: string; active: boolean; online: boolean; priority: number; position: number }
export type TableDTO = {
  id: string
  area_id: string
  location_id: string
  name: string
  min_seats: number
  max_seats: number
  shape: TableShape
  x: number
  y: number
  width: number
  height: number
  rotation: number
  active: boolean
  online: boolean
  priority: number
}
export type CombinationDTO = { id: string; location_id: string; table_ids: string[]; min_seats: number; max_seats: number }
export type RuleDTO = EngineRule & { location_id: string; note: string | null }

/** A booking as the floor plan shows it on a table. */
export type TableBooking = { reservation_id: string; status: ReservationStatus; starts_at: string; ends_at: string; party_size: number }

/** A table on the floor plan at one instant: free, reserved or seated, the booking holding it, the next one, and how many it has today. */
export type FloorTable = TableDTO & { state: "free" | "reserved" | "seated"; current: TableBooking | null; next: TableBooking | null; today: number }

/** A location's floor plan at one instant (`floorState`): its areas, tables with their state, combinations and time rules. */
export type FloorState = { time_zone: string; date: string; tables: FloorTable[]; areas: AreaDTO[]; combinations: EngineCombination[]; rules: EngineRule[] }
