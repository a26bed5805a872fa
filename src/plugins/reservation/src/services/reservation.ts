import { ConfigModule, EventBusService, TransactionBaseService } from "@medusajs/medusa"
import { QueryFailedError } from "typeorm"
import type { EntityManager } from "typeorm"

import { actionSecret, ActionTokens, DomainError, newEntityId } from "@customer-modules/core"
import type { ModuleHealth } from "@customer-modules/core"

import type ReservationPlanService from "./reservation-plan"
import type { Plan } from "./reservation-plan"
import {
  addDays,
  allowed,
  candidatesOf,
  dayAvailability,
  freeCandidates,
  indexBookings,
  instantOf,
  localDate,
  localTime,
  nearestAvailable,
  pacingOf,
  planWithMoves,
  rankCandidates,
  ruleRefusal,
  ruleStates,
  slotsOfDay,
  turnMinutes,
} from "../engine/availability"
import type { Candidate, Channel, EngineBooking, Move, Slot } from "../engine/types"
import type { FloorState, FloorTable, ReservationDTO, ReservationSource, ReservationStatus, TableBooking } from "../types"
import { rows } from "../utils/sql"

type InjectedDependencies = {
  manager: EntityManager
  reservationPlanService: ReservationPlanService
  eventBusService: EventBusService
  configModule: ConfigModule
}

export type { ReservationDTO, ReservationSource, ReservationStatus }

/** What the public booking answers: nothing about the guest beyond the booking itself. */
export type PublicReservation = Pick<ReservationDTO, "id" | "status" | "starts_at" | "ends_at" | "party_size" | "table_ids">

export type BookingInput = {
  location_id: string
  starts_at: string
  party_size: number
  name: string
  email?: string
  phone?: string
  note?: string
  locale?: "de" | "en" | "pt"
  newsletter?: boolean
  table_ids?: string[]
  pinned?: boolean
  guest_requested?: boolean
  allow_moves?: boolean
}

export type BookingResult = { reservation: ReservationDTO; moves: Move[]; warnings: string[] }

const MINUTE_MS = 60_000
const DAY_MS = 24 * 3600_000
const EXCLUSION_VIOLATION = "23P01"
const DEADLOCK = "40P01"
const MAX_LIST = 1000

/** What a refusal of a slot means for a guest, by reason. */
const REFUSALS: Record<string, string> = {
  closed: "The restaurant is closed at that time",
  off_grid: "Choose one of the offered times",
  ends_after_closing: "The seating would end after closing time",
  online_closed: "Online booking is not available here",
  party_size: "For a party of this size, please call us",
  too_soon: "This time is too soon to book online",
  too_far_ahead: "This date is too far ahead to book",
  pacing: "Too many guests arrive at that time; choose another time",
  guest_refused: "We cannot accept this booking online; please call us",
  closed_by_rule: "No table can be booked at that time",
}

export function normaliseEmail(email: string | null | undefined): string | null {
  const e = email?.trim().toLowerCase()
  return e ? e : null
}

/** Digits only, international prefix dropped; the last nine digits, so `+49 171…` and `0171…` are the same guest. */
export function normalisePhone(phone: string | null | undefined): string | null {
  const digits = (phone ?? "").replace(/\D/g, "")
  return digits.length >= 6 ? digits.slice(-9) : null
}

function toDTO(r: Record<string, unknown>): ReservationDTO {
  const iso = (d: unknown) => new Date(d as string).toISOString()
  return {
    id: r.id as string,
    location_id: r.location_id as string,
    status: r.status as ReservationStatus,
    source: r.source as ReservationSource,
    starts_at: iso(r.starts_at),
    ends_at: iso(r.ends_at),
    business_date: typeof r.business_date === "string" ? r.business_date : localIso(r.business_date as Date),
    party_size: r.party_size as number,
    table_ids: (r.table_ids as string[]) ?? [],
    name: r.name as string,
    email: (r.email as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    note: (r.note as string | null) ?? null,
    locale: r.locale as string,
    pinned: r.pinned as boolean,
    guest_requested: r.guest_requested as boolean,
    newsletter: r.newsletter as boolean,
    warnings: (r.warnings as string[]) ?? [],
    moved_from_table_ids: (r.moved_from_table_ids as string[] | null) ?? [],
    moved_at: r.moved_at ? iso(r.moved_at) : null,
    created_at: iso(r.created_at),
  }
}

/** node-postgres hands `date` columns over as local-midnight Dates; read them back as the calendar day. */
function localIso(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0")
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

export function toPublic(r: ReservationDTO): PublicReservation {
  return { id: r.id, status: r.status, starts_at: r.starts_at, ends_at: r.ends_at, party_size: r.party_size, table_ids: r.table_ids }
}

/** A table taken meanwhile: the exclusion constraint, or a deadlock between two bookings of it (one of them is aborted). */
const isExclusionViolation = (e: unknown): boolean =>
  e instanceof QueryFailedError && [EXCLUSION_VIOLATION, DEADLOCK].includes((e as unknown as { code?: string }).code ?? "")

/**
 * Reservations: availability, booking with automatic table assignment, staff
 * assignment and status changes, the guest's cancel link, no-shows and the
 * blacklist. Every booking is re-checked when it is saved, and the database's
 * exclusion constraint refuses any overlap the engine might miss.
 */
export default class ReservationService extends TransactionBaseService {
  static readonly Events = {
    CREATED: "reservation.created",
    CANCELLED: "reservation.cancelled",
    STATUS_CHANGED: "reservation.status_changed",
    MOVED: "reservation.moved",
  }

  protected readonly plans_: ReservationPlanService
  protected readonly eventBus_: EventBusService
  protected readonly cancelTokens_: ActionTokens

  constructor(container: InjectedDependencies) {
    super(container)
    this.plans_ = container.reservationPlanService
    this.eventBus_ = container.eventBusService
    this.cancelTokens_ = new ActionTokens(actionSecret({ resolve: <T>(name: string) => (container as unknown as Record<string, T>)[name] }), "reservation-cancel")
  }

  async health(): Promise<ModuleHealth> {
    await this.activeManager_.query(`SELECT 1 FROM reservation_allocation LIMIT 1`)
    return { status: "ok" }
  }

  /** The signed token of a reservation's cancel link (HMAC of its id; no expiry: the cut-off time decides). */
  cancelToken(id: string): string {
    return this.cancelTokens_.sign(id)
  }

  verifyCancelToken(id: string, token: string): boolean {
    return this.cancelTokens_.verify(id, token)
  }

  /** Bookings holding tables of a location within `[from, to)`, each once with all its tables. */
  async bookingsBetween(locationId: string, from_ms: number, to_ms: number): Promise<EngineBooking[]> {
    const rows: Record<string, unknown>[] = await this.activeManager_.query(
      `SELECT a.reservation_id, array_agg(a.table_id ORDER BY a.table_id) AS table_ids, lower(a.during) AS start, upper(a.during) AS "end",
              r.party_size, r.source, r.status, r.pinned, r.guest_requested
         FROM reservation_allocation a JOIN reservation r ON r.id = a.reservation_id
        WHERE a.location_id = $1 AND a.during && tstzrange($2, $3)
        GROUP BY a.reservation_id, lower(a.during), upper(a.during), r.party_size, r.source, r.status, r.pinned, r.guest_requested`,
      [locationId, new Date(from_ms), new Date(to_ms)]
    )
    return rows.map((r) => ({
      reservation_id: r.reservation_id as string,
      table_ids: r.table_ids as string[],
      start_ms: new Date(r.start as string).getTime(),
      end_ms: new Date(r.end as string).getTime(),
      party_size: r.party_size as number,
      online: r.source === "online",
      movable: r.status === "confirmed" && !r.pinned && !r.guest_requested,
    }))
  }

  /** A business day's slots for a party, as the website, the admin and the booking see them. */
  async availability(locationId: string, date: string, party: number, channel: Channel, now_ms = Date.now()): Promise<{ date: string; time_zone: string; slots: Slot[] }> {
    const plan = await this.plans_.withTransaction(this.activeManager_).plan(locationId)
    const day0 = instantOf(date, "00:00", plan.time_zone)
    const bookings = await this.bookingsBetween(locationId, day0 - DAY_MS, day0 + 3 * DAY_MS)
    const slots = dayAvailability(
      { settings: plan.settings, time_zone: plan.time_zone, date, party, channel, now_ms, pacing: pacingOf(bookings, (b) => b.start_ms) },
      { tables: plan.engineTables, combinations: plan.combinations, rules: plan.rules, bookings }
    )
    return { date, time_zone: plan.time_zone, slots }
  }

  /**
   * Books a table. Online: every rule applies and a refusal is 422 with its
   * reason; staff (phone, walk-in): rules become warnings. The tables are the
   * engine's best free choice (or the staff's), re-checked in this transaction:
   * each choice is inserted under a savepoint, and when a concurrent booking took
   * it (exclusion constraint) the next choice is tried. Nothing left: 409
   * `slot_unavailable` with the nearest other times.
   */
  async book(input: BookingInput, channel: Channel, source: ReservationSource, now_ms = Date.now()): Promise<BookingResult> {
    return this.atomicPhase_(async (manager) => {
      const plans = this.plans_.withTransaction(manager)
      const plan = await plans.plan(input.location_id)
      const s = plan.settings
      const zone = plan.time_zone
      const start_ms = source === "walk_in" ? now_ms : Date.parse(input.starts_at)
      const party = input.party_size
      const warnings: string[] = []
      const refuse = (type: string) => {
        if (channel === "online") throw new DomainError(type, REFUSALS[type] ?? type, 422)
        warnings.push(type)
      }

      // The slot: the local day of the start, or the evening before for a period past midnight.
      const day = localDate(start_ms, zone)
      let slot: Slot | undefined
      for (const date of [day, addDays(day, -1)]) {
        slot = slotsOfDay(s, zone, date, party).find((x) => x.start_ms === start_ms)
        if (slot) break
      }
      const turn_ms = turnMinutes(s, party) * MINUTE_MS
      if (!slot) {
        const open = [day, addDays(day, -1)].some((d) => slotsOfDay(s, zone, d, party).some((x) => start_ms >= x.start_ms && start_ms < x.end_ms))
        if (source !== "walk_in") refuse(open ? "off_grid" : "closed")
        slot = { time: localTime(start_ms, zone), starts_at: new Date(start_ms).toISOString(), start_ms, end_ms: start_ms + turn_ms, date: day, available: true }
      }
      if (source !== "walk_in" && start_ms < now_ms - 5 * MINUTE_MS) {
        throw new DomainError("in_the_past", "This time has passed", 422)
      }

      if (channel === "online") {
        await this.refuseBlockedGuest_(manager, s.no_show_limit, s.no_show_months, input.email, input.phone)
      }
      if (s.pacing_covers !== null || s.pacing_online_covers !== null) {
        // Pacing counts what is committed: serialise the bookings of this location so two cannot both see room.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('reservation:' || $1))`, [input.location_id])
      }
      const end_ms = slot.end_ms
      const blocked_ms = end_ms + s.buffer_minutes * MINUTE_MS
      const bookings = await this.bookingsBetween(input.location_id, start_ms - DAY_MS, blocked_ms + DAY_MS)
      const q = { settings: s, time_zone: zone, date: slot.date, party, channel, now_ms, pacing: pacingOf(bookings, (b) => b.start_ms) }
      // Staff see the online rules as warnings (a closed online booking aside: that is no news to them).
      const refusal = source === "walk_in" ? null : ruleRefusal({ ...q, channel: "online" }, slot)
      if (refusal && !(channel === "staff" && refusal === "online_closed")) refuse(refusal)
      if (channel !== "online" && (party < s.min_party || party > s.max_party)) warnings.push("party_size")

      const states = ruleStates(plan.engineTables, plan.rules, slot.date, slot.time)
      const ctx = { tables: plan.engineTables, combinations: plan.combinations, rules: plan.rules, bookings, byTable: indexBookings(bookings), candidates: candidatesOf(plan.engineTables, plan.combinations) }
      let choices: Candidate[]
      if (input.table_ids?.length) {
        choices = [this.chosenTables_(plan, input.table_ids, party, warnings)]
      } else {
        choices = freeCandidates(ctx, party, start_ms, blocked_ms, states, channel)
        const fitting = rankCandidates(ctx.candidates, ctx.tables, ctx.combinations, party)
        if (choices.length === 0 && fitting.length > 0 && !fitting.some((c) => allowed(c, states, channel))) {
          // Every table that fits is closed by a time rule: online that is a rule (422); staff may override it.
          refuse("closed_by_rule")
          const open = new Map([...states.keys()].map((id) => [id, { closed: false, online_closed: false }]))
          choices = freeCandidates(ctx, party, start_ms, blocked_ms, open, channel)
        }
      }

      const id = newEntityId("resv")
      const email = input.email?.trim() || null
      const row = await manager.query(
        `INSERT INTO reservation (id, location_id, status, source, starts_at, ends_at, blocked_until, business_date, party_size, name, email, email_norm,
           phone, phone_norm, note, locale, pinned, guest_requested, newsletter, newsletter_consent_text, newsletter_consent_at, warnings)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING *`,
        [
          id,
          input.location_id,
          source === "walk_in" ? "seated" : "confirmed",
          source,
          new Date(start_ms),
          new Date(end_ms),
          new Date(blocked_ms),
          slot.date,
          party,
          input.name,
          email,
          normaliseEmail(email),
          input.phone?.trim() || null,
          normalisePhone(input.phone),
          input.note ?? null,
          input.locale ?? "de",
          input.pinned ?? !!input.table_ids?.length,
          input.guest_requested ?? false,
          !!input.newsletter && !!email,
          input.newsletter && email ? (s.newsletter_consent_text ?? "newsletter") : null,
          input.newsletter && email ? new Date(now_ms) : null,
          JSON.stringify(warnings),
        ]
      )
      let placed: Candidate | null = null
      for (const c of choices) {
        if (await this.tryAllocate_(manager, id, input.location_id, c.table_ids, start_ms, blocked_ms)) {
          placed = c
          break
        }
      }
      let moves: Move[] = []
      if (!placed && !input.table_ids?.length && input.allow_moves !== false) {
        const statesAt = (b: EngineBooking) => ruleStates(plan.engineTables, plan.rules, localDate(b.start_ms, zone), localTime(b.start_ms, zone))
        const planned = planWithMoves(ctx, party, start_ms, blocked_ms, states, channel, statesAt)
        if (planned && (await this.applyMoves_(manager, id, input.location_id, planned.candidate, planned.moves, start_ms, blocked_ms))) {
          placed = planned.candidate
          moves = planned.moves
        }
      }
      if (!placed) {
        // The caller may answer the 409 and commit: leave nothing behind.
        await manager.query(`DELETE FROM reservation WHERE id = $1`, [id])
        const taken = input.table_ids?.length ? "table_taken" : "slot_unavailable"
        const alternatives = await this.alternativesFor_(manager, input.location_id, slot, party, channel, now_ms)
        throw new SlotUnavailable(taken, alternatives)
      }
      const [saved] = await rows(manager, `UPDATE reservation SET table_ids = $2 WHERE id = $1 RETURNING *`, [id, placed.table_ids])
      void row
      const reservation = toDTO(saved)
      const bus = this.eventBus_.withTransaction(manager)
      await bus.emit(ReservationService.Events.CREATED, { id, location_id: input.location_id, source })
      for (const m of moves) {
        await bus.emit(ReservationService.Events.MOVED, { id: m.reservation_id, location_id: input.location_id, from_table_ids: m.from_table_ids, to_table_ids: m.to_table_ids })
      }
      return { reservation, moves, warnings }
    })
  }

  /** The staff's own choice of tables: must exist at the location; a poor fit is a warning. */
  protected chosenTables_(plan: Plan, tableIds: string[], party: number, warnings: string[]): Candidate {
    const ids = [...new Set(tableIds)].sort()
    const tables = ids.map((id) => plan.tables.find((t) => t.id === id))
    if (tables.some((t) => !t)) throw new DomainError("invalid_request", "table_ids: unknown table at this location", 400)
    const max = tables.reduce((n, t) => n + (t?.max_seats ?? 0), 0)
    if (party > max) warnings.push("over_capacity")
    return { table_ids: ids, combination_id: null, min_seats: 1, max_seats: max }
  }

  /** Inserts the allocations under a savepoint; false (and nothing written) when a table is taken meanwhile. */
  protected async tryAllocate_(manager: EntityManager, id: string, locationId: string, tableIds: string[], start_ms: number, end_ms: number): Promise<boolean> {
    await manager.query(`SAVEPOINT reservation_alloc`)
    try {
      // Bookings of one table queue here (in table-id order, so never in a cycle) instead of deadlocking in the exclusion check.
      await manager.query(`SELECT id FROM reservation_table WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE`, [tableIds])
      await manager.query(
        `INSERT INTO reservation_allocation (reservation_id, table_id, location_id, during) SELECT $1, t, $2, tstzrange($3, $4) FROM unnest($5::varchar[]) AS t`,
        [id, locationId, new Date(start_ms), new Date(end_ms), tableIds]
      )
      await manager.query(`RELEASE SAVEPOINT reservation_alloc`)
      return true
    } catch (e) {
      await manager.query(`ROLLBACK TO SAVEPOINT reservation_alloc`)
      if (isExclusionViolation(e)) return false
      throw e
    }
  }

  /** Moves the blocking bookings (each keeps its time) and seats the new party; false when anything was taken meanwhile. */
  protected async applyMoves_(manager: EntityManager, id: string, locationId: string, c: Candidate, moves: Move[], start_ms: number, end_ms: number): Promise<boolean> {
    await manager.query(`SAVEPOINT reservation_moves`)
    try {
      for (const m of moves) {
        const [range] = await rows(
          manager,
          `DELETE FROM reservation_allocation WHERE reservation_id = $1 RETURNING lower(during) AS start, upper(during) AS "end"`,
          [m.reservation_id]
        )
        await manager.query(
          `INSERT INTO reservation_allocation (reservation_id, table_id, location_id, during) SELECT $1, t, $2, tstzrange($3, $4) FROM unnest($5::varchar[]) AS t`,
          [m.reservation_id, locationId, range.start, range.end, m.to_table_ids]
        )
        await manager.query(`UPDATE reservation SET moved_from_table_ids = table_ids, moved_at = now(), table_ids = $2, updated_at = now() WHERE id = $1`, [m.reservation_id, m.to_table_ids])
      }
      await manager.query(
        `INSERT INTO reservation_allocation (reservation_id, table_id, location_id, during) SELECT $1, t, $2, tstzrange($3, $4) FROM unnest($5::varchar[]) AS t`,
        [id, locationId, new Date(start_ms), new Date(end_ms), c.table_ids]
      )
      await manager.query(`RELEASE SAVEPOINT reservation_moves`)
      return true
    } catch (e) {
      await manager.query(`ROLLBACK TO SAVEPOINT reservation_moves`)
      if (isExclusionViolation(e)) return false
      throw e
    }
  }

  protected async alternativesFor_(manager: EntityManager, locationId: string, slot: Slot, party: number, channel: Channel, now_ms: number): Promise<{ time: string; starts_at: string }[]> {
    const day = await this.withTransaction(manager).availability(locationId, slot.date, party, channel, now_ms)
    return nearestAvailable(day.slots, slot.start_ms).map((x) => ({ time: x.time, starts_at: x.starts_at }))
  }

  /** Refuses (422 `guest_refused`, neutral text) a guest with too many no-shows since staff last lifted the block. */
  protected async refuseBlockedGuest_(manager: EntityManager, limit: number, months: number, email?: string | null, phone?: string | null): Promise<void> {
    const count = await this.withTransaction(manager).noShowCount(email, phone, months)
    if (count >= limit) {
      throw new DomainError("guest_refused", REFUSALS.guest_refused, 422)
    }
  }

  /** No-shows of a guest (by normalised e-mail or phone) within the last `months`, after staff last lifted a block. */
  async noShowCount(email?: string | null, phone?: string | null, months = 12): Promise<number> {
    const e = normaliseEmail(email)
    const p = normalisePhone(phone)
    if (!e && !p) return 0
    const [row] = await this.activeManager_.query(
      `SELECT count(*)::int AS n FROM reservation r
        WHERE r.status = 'no_show' AND r.status_changed_at > now() - make_interval(months => $3)
          AND ((r.email_norm = $1) OR (r.phone_norm = $2))
          AND r.status_changed_at > COALESCE((SELECT max(lifted_at) FROM reservation_guest_unblock WHERE guest_key = ANY($4)), '-infinity')`,
      [e, p, months, [e && `e:${e}`, p && `p:${p}`].filter(Boolean)]
    )
    return row.n
  }

  /** Lifts the block of a guest: no-shows before now no longer count. */
  async unblockGuest(email?: string | null, phone?: string | null, by?: string | null): Promise<void> {
    const keys = [normaliseEmail(email) && `e:${normaliseEmail(email)}`, normalisePhone(phone) && `p:${normalisePhone(phone)}`].filter(Boolean)
    for (const key of keys) {
      await this.activeManager_.query(
        `INSERT INTO reservation_guest_unblock (guest_key, lifted_at, lifted_by) VALUES ($1, now(), $2) ON CONFLICT (guest_key) DO UPDATE SET lifted_at = now(), lifted_by = EXCLUDED.lifted_by`,
        [key, by ?? null]
      )
    }
  }

  async retrieve(id: string): Promise<ReservationDTO> {
    const rows = await this.activeManager_.query(`SELECT * FROM reservation WHERE id = $1`, [id])
    if (!rows.length) throw new DomainError("not_found", `Reservation ${id} was not found`, 404)
    return toDTO(rows[0])
  }

  /** A business day's reservations at a location (filters: status, area, search in name, e-mail, phone), by start; each with the guest's no-show count. */
  async list(filter: { location_id: string; date: string; status?: ReservationStatus; area_id?: string; q?: string }): Promise<(ReservationDTO & { no_shows: number })[]> {
    const rows: Record<string, unknown>[] = await this.activeManager_.query(
      `SELECT r.*, (SELECT count(*)::int FROM reservation x WHERE x.status = 'no_show' AND x.id <> r.id
                     AND ((r.email_norm IS NOT NULL AND x.email_norm = r.email_norm) OR (r.phone_norm IS NOT NULL AND x.phone_norm = r.phone_norm))) AS no_shows
         FROM reservation r
        WHERE r.location_id = $1 AND r.business_date = $2
          AND ($3::varchar IS NULL OR r.status = $3)
          AND ($4::varchar IS NULL OR EXISTS (SELECT 1 FROM reservation_table t WHERE t.id = ANY(r.table_ids) AND t.area_id = $4))
          AND ($5::varchar IS NULL OR r.name ILIKE '%' || $5 || '%' OR r.email ILIKE '%' || $5 || '%' OR r.phone ILIKE '%' || $5 || '%')
        ORDER BY r.starts_at, r.id LIMIT ${MAX_LIST}`,
      [filter.location_id, filter.date, filter.status ?? null, filter.area_id ?? null, filter.q?.replace(/[%_\\]/g, (c) => `\\${c}`) ?? null]
    )
    return rows.map((r) => ({ ...toDTO(r), no_shows: r.no_shows as number }))
  }

  /**
   * Staff change a status: confirmed → seated, no_show or cancelled; seated →
   * finished. Cancelled, no-show and finished give the tables free (the
   * reservation keeps its table_ids as history). 422 `invalid_transition` otherwise.
   */
  async setStatus(id: string, status: Exclude<ReservationStatus, "confirmed">): Promise<ReservationDTO> {
    return this.atomicPhase_(async (manager) => {
      const [current] = await manager.query(`SELECT * FROM reservation WHERE id = $1 FOR UPDATE`, [id])
      if (!current) throw new DomainError("not_found", `Reservation ${id} was not found`, 404)
      const allowed: Record<string, string[]> = { confirmed: ["seated", "no_show", "cancelled"], seated: ["finished", "cancelled"] }
      if (!(allowed[current.status] ?? []).includes(status)) {
        throw new DomainError("invalid_transition", `A ${current.status} reservation cannot become ${status}`, 422)
      }
      if (status !== "seated") {
        await manager.query(`DELETE FROM reservation_allocation WHERE reservation_id = $1`, [id])
      }
      const [row] = await rows(manager, `UPDATE reservation SET status = $2, status_changed_at = now(), updated_at = now() WHERE id = $1 RETURNING *`, [id, status])
      const bus = this.eventBus_.withTransaction(manager)
      await bus.emit(ReservationService.Events.STATUS_CHANGED, { id, status, previous: current.status })
      if (status === "cancelled") await bus.emit(ReservationService.Events.CANCELLED, { id, by: "staff" })
      return toDTO(row)
    })
  }

  /** The guest cancels through the mail's link: valid token, still confirmed, before the cut-off. */
  async cancelByGuest(id: string, token: string, now_ms = Date.now()): Promise<ReservationDTO> {
    return this.atomicPhase_(async (manager) => {
      const [current] = await manager.query(`SELECT * FROM reservation WHERE id = $1 FOR UPDATE`, [id])
      if (!current || !this.verifyCancelToken(id, token)) {
        throw new DomainError("invalid_token", "This cancel link is not valid", 403)
      }
      if (current.status !== "confirmed") {
        throw new DomainError("not_cancellable", "This reservation can no longer be cancelled", 409)
      }
      const settings = await this.plans_.withTransaction(manager).settings(current.location_id)
      if (new Date(current.starts_at).getTime() - settings.cancel_cutoff_minutes * MINUTE_MS < now_ms) {
        throw new DomainError("too_late", "It is too late to cancel online; please call us", 422)
      }
      await manager.query(`DELETE FROM reservation_allocation WHERE reservation_id = $1`, [id])
      const [row] = await rows(manager, `UPDATE reservation SET status = 'cancelled', status_changed_at = now(), updated_at = now() WHERE id = $1 RETURNING *`, [id])
      await this.eventBus_.withTransaction(manager).emit(ReservationService.Events.CANCELLED, { id, by: "guest" })
      return toDTO(row)
    })
  }

  /** Staff move a booking to other tables (same time) and may pin it; 409 `table_taken` when one is held. */
  async assign(id: string, tableIds: string[], pinned = true): Promise<ReservationDTO> {
    return this.atomicPhase_(async (manager) => {
      const [current] = await manager.query(`SELECT * FROM reservation WHERE id = $1 FOR UPDATE`, [id])
      if (!current) throw new DomainError("not_found", `Reservation ${id} was not found`, 404)
      if (!["confirmed", "seated"].includes(current.status)) throw new DomainError("invalid_transition", `A ${current.status} reservation holds no table`, 422)
      const ids = [...new Set(tableIds)].sort()
      const known = await manager.query(`SELECT id FROM reservation_table WHERE id = ANY($1) AND location_id = $2`, [ids, current.location_id])
      if (known.length !== ids.length) throw new DomainError("invalid_request", "table_ids: unknown table at this location", 400)
      await manager.query(`DELETE FROM reservation_allocation WHERE reservation_id = $1`, [id])
      const start = new Date(current.status === "seated" ? Math.max(Date.now(), new Date(current.starts_at).getTime()) : new Date(current.starts_at).getTime())
      const ok = await this.tryAllocate_(manager, id, current.location_id, ids, start.getTime(), new Date(current.blocked_until).getTime())
      if (!ok) throw new DomainError("table_taken", "A chosen table is taken at that time", 409)
      const [row] = await rows(
        manager,
        `UPDATE reservation SET pinned = $3, updated_at = now(),
                moved_from_table_ids = CASE WHEN table_ids = $2::varchar[] THEN moved_from_table_ids ELSE table_ids END,
                moved_at = CASE WHEN table_ids = $2::varchar[] THEN moved_at ELSE now() END,
                table_ids = $2
          WHERE id = $1 RETURNING *`,
        [id, ids, pinned]
      )
      await this.eventBus_.withTransaction(manager).emit(ReservationService.Events.MOVED, { id, location_id: current.location_id, from_table_ids: current.table_ids, to_table_ids: ids })
      return toDTO(row)
    })
  }

  /** The state of every table of a location (free, reserved, seated) at `now_ms` (default now), the booking holding it and the next one; with the time rules. */
  async floorState(locationId: string, now_ms = Date.now()): Promise<FloorState> {
    const plan = await this.plans_.withTransaction(this.activeManager_).plan(locationId)
    const date = localDate(now_ms, plan.time_zone)
    const day0 = instantOf(date, "00:00", plan.time_zone)
    const rows: Record<string, unknown>[] = await this.activeManager_.query(
      `SELECT a.table_id, r.id, r.status, r.starts_at, r.ends_at, r.party_size, r.name, lower(a.during) AS start, upper(a.during) AS "end"
         FROM reservation_allocation a JOIN reservation r ON r.id = a.reservation_id
        WHERE a.location_id = $1 AND a.during && tstzrange($2, $3) ORDER BY lower(a.during)`,
      [locationId, new Date(Math.min(day0, now_ms)), new Date(day0 + 30 * 3600_000)]
    )
    const tables = plan.tables.map((t): FloorTable => {
      const mine = rows.filter((r) => r.table_id === t.id)
      const current = mine.find((r) => new Date(r.start as string).getTime() <= now_ms && now_ms < new Date(r.end as string).getTime())
      const next = mine.find((r) => new Date(r.start as string).getTime() > now_ms)
      const state = current ? (current.status === "seated" ? "seated" : "reserved") : "free"
      const brief = (r: Record<string, unknown> | undefined): TableBooking | null =>
        r
          ? {
              reservation_id: r.id as string,
              status: r.status as ReservationStatus,
              starts_at: new Date(r.starts_at as string).toISOString(),
              ends_at: new Date(r.ends_at as string).toISOString(),
              party_size: r.party_size as number,
            }
          : null
      return { ...t, state, current: brief(current), next: brief(next), today: mine.length }
    })
    return { time_zone: plan.time_zone, date, areas: plan.areas, combinations: plan.combinations, rules: plan.rules, tables }
  }

  /** Guests present per 15 minutes over a business day (seated, confirmed and finished reservations). */
  async occupancy(locationId: string, date: string): Promise<{ date: string; time_zone: string; points: { time: string; at: string; guests: number }[] }> {
    const zone = await this.plans_.withTransaction(this.activeManager_).timeZoneOf(locationId)
    const rows: { starts_at: Date; ends_at: Date; party_size: number }[] = await this.activeManager_.query(
      `SELECT starts_at, ends_at, party_size FROM reservation WHERE location_id = $1 AND business_date = $2 AND status IN ('confirmed', 'seated', 'finished')`,
      [locationId, date]
    )
    const from = instantOf(date, "00:00", zone)
    const to = instantOf(addDays(date, 1), "06:00", zone)
    const points: { time: string; at: string; guests: number }[] = []
    for (let t = from; t < to; t += 15 * MINUTE_MS) {
      const guests = rows.reduce((n, r) => n + (new Date(r.starts_at).getTime() <= t && t < new Date(r.ends_at).getTime() ? r.party_size : 0), 0)
      points.push({ time: localTime(t, zone), at: new Date(t).toISOString(), guests })
    }
    return { date, time_zone: zone, points }
  }

  /** Covers (guests) and reservations per business day of a month. */
  async coversByDay(locationId: string, month: string): Promise<{ month: string; days: { date: string; covers: number; reservations: number; no_shows: number }[] }> {
    const rows: { date: string; covers: number; reservations: number; no_shows: number }[] = await this.activeManager_.query(
      `SELECT to_char(business_date, 'YYYY-MM-DD') AS date,
              COALESCE(sum(party_size) FILTER (WHERE status IN ('confirmed', 'seated', 'finished')), 0)::int AS covers,
              count(*) FILTER (WHERE status IN ('confirmed', 'seated', 'finished'))::int AS reservations,
              count(*) FILTER (WHERE status = 'no_show')::int AS no_shows
         FROM reservation WHERE location_id = $1 AND to_char(business_date, 'YYYY-MM') = $2 GROUP BY business_date ORDER BY business_date`,
      [locationId, month]
    )
    return { month, days: rows }
  }
}

/** 409 with the nearest other free times, so the guest can pick one. */
export class SlotUnavailable extends DomainError {
  constructor(
    type: string,
    readonly alternatives: { time: string; starts_at: string }[]
  ) {
    super(type, type === "table_taken" ? "A chosen table is taken at that time" : "No table is free at that time", 409)
  }
}
