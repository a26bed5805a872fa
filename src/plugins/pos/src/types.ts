import type { PosScope } from "./scopes"

/** Options medusa-config.js passes to the plugin. */
export type PosPluginOptions = {
  /** Redis for the miss counters shared between instances; in-memory counters without it. */
  redisUrl?: string
  redisNamespace?: string
  enableUI?: boolean
}

export type PosLocationDTO = {
  id: string // loc_…
  name: string
  time_zone: string
  address: string | null
  sales_channel_id: string
  metadata: Record<string, unknown> | null
  created_at: Date
  updated_at: Date
}

export type PosTerminalDTO = {
  id: string // term_…
  name: string
  location_id: string
  location?: { id: string; name: string; time_zone: string }
  scopes: PosScope[]
  /** The first characters of the key, to tell keys apart; never the key. */
  key_prefix: string
  status: "active" | "revoked"
  last_seen_at: Date | null
  revoked_at: Date | null
  created_at: Date
  updated_at: Date
}

export type StaffCardDTO = {
  id: string // scard_…
  staff_id: string
  uid: string
  uid_normalized: string
  status: "active" | "revoked"
  revoked_at: Date | null
  created_at: Date
}

export type StaffMemberDTO = {
  id: string // staff_…
  name: string
  location_id: string | null
  active: boolean
  cards: StaffCardDTO[]
  created_at: Date
  updated_at: Date
}
