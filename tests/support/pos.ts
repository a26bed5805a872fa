/**
 * POS helpers for tests: locations and terminal keys through the admin API, and
 * calls to the POS routes with a terminal key (and an Idempotency-Key on POST).
 */
import { randomUUID } from "crypto"

import { adminApi, api, ApiResponse } from "./api"

export type PosScope = "gift_card" | "prepaid_charge" | "prepaid_topup" | "loyalty" | "debtor" | "feedback" | (string & {})

export type PosLocation = { id: string; name: string; time_zone: string; address: string | null; sales_channel_id: string }

export type PosTerminal = {
  id: string
  name: string
  location_id: string
  scopes: PosScope[]
  key_prefix: string
  status: "active" | "revoked"
  last_seen_at: string | null
  revoked_at: string | null
}

/** Creates a location (Europe/Berlin unless told otherwise) through the admin API. */
export async function createLocation(
  input: { name?: string; time_zone?: string; address?: string } = {}
): Promise<PosLocation> {
  const res = await adminApi<{ location: PosLocation }>("/admin/pos/locations", {
    body: { name: input.name ?? `Test location ${randomUUID().slice(0, 8)}`, time_zone: input.time_zone ?? "Europe/Berlin", ...(input.address ? { address: input.address } : {}) },
  })
  if (res.status !== 201) {
    throw new Error(`creating a location failed: ${res.status} ${res.text}`)
  }
  return res.body.location
}

/** Creates a terminal with the given scopes (at a new location unless one is given) and returns its key. */
export async function createTerminal(opts: {
  scopes: PosScope[]
  location_id?: string
  name?: string
}): Promise<{ key: string; terminal: PosTerminal; location: PosLocation }> {
  const location = opts.location_id
    ? (await adminApi<{ location: PosLocation }>(`/admin/pos/locations/${opts.location_id}`)).body.location
    : await createLocation()
  const res = await adminApi<{ terminal: PosTerminal; key: string }>("/admin/pos/terminals", {
    body: { name: opts.name ?? `Till ${randomUUID().slice(0, 8)}`, location_id: location.id, scopes: opts.scopes },
  })
  if (res.status !== 201) {
    throw new Error(`creating a terminal failed: ${res.status} ${res.text}`)
  }
  return { key: res.body.key, terminal: res.body.terminal, location }
}

export type PosRequestOptions = {
  key?: string
  /** JSON body; its presence makes the call a POST unless `method` says otherwise. */
  body?: unknown
  /** Sent as is instead of `body` (malformed JSON). */
  rawBody?: string
  method?: string
  /** POST only; a random one when not given, none when null. */
  idempotencyKey?: string | null
  headers?: Record<string, string>
}

/**
 * A client IP of its own (the server trusts one proxy hop). Every call gets a
 * random one unless it sends X-Forwarded-For itself, so the per-IP enumeration
 * defence tripped by one test never blocks another.
 */
export function clientIp(): string {
  const b = () => Math.floor(Math.random() * 250) + 1
  return `10.${b()}.${b()}.${b()}`
}

/** Calls a POS route with a terminal key; POST adds a random Idempotency-Key unless given. */
export async function posApi<T = any>(path: string, opts: PosRequestOptions = {}): Promise<ApiResponse<T>> {
  const method = opts.method ?? (opts.body !== undefined || opts.rawBody !== undefined ? "POST" : "GET")
  const headers: Record<string, string> = { "x-forwarded-for": clientIp(), ...opts.headers }
  if (method !== "GET" && opts.idempotencyKey !== null) {
    headers["idempotency-key"] = opts.idempotencyKey ?? randomUUID()
  }
  return api<T>(path, { method, body: opts.body, rawBody: opts.rawBody, token: opts.key, headers })
}
