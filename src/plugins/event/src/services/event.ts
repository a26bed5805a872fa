import { EventBusService, TransactionBaseService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { assertCurrency, DomainError, ModuleHealth, newEntityId } from "@customer-modules/core"

import type { EventRow, EventView, Template, Venue } from "../types"
import { updated } from "../utils/sql"
import { addMinutes, instantOf, localWallTime, weeklyDays } from "../utils/time"
import type { CreateEvent, CreateFromTemplate, UpdateEvent } from "../validators"

type InjectedDependencies = { manager: EntityManager; eventBusService: EventBusService }

/**
 * The places an event has given right now: confirmed registrations (an unpaid
 * one only until its payment is due), holds and waiting-list offers that have
 * not expired. Read without a lock it is a snapshot; the registration service
 * re-reads it under the event's row lock before it gives a place.
 */
export const TAKEN_SQL = `COALESCE((SELECT SUM(r.quantity) FROM event_registration r
  WHERE r.event_id = e.id AND (
    (r.status = 'confirmed' AND NOT (r.payment_status = 'unpaid' AND r.payment_due_at IS NOT NULL AND r.payment_due_at <= now()))
    OR (r.status = 'held' AND r.hold_expires_at > now())
    OR (r.status = 'offered' AND r.offer_expires_at > now()))), 0)::int`

const WAITLISTED_SQL = `COALESCE((SELECT SUM(r.quantity) FROM event_registration r WHERE r.event_id = e.id AND r.status = 'waitlisted'), 0)::int`

const EVENT_SELECT = `SELECT e.*, ${TAKEN_SQL} AS taken, ${WAITLISTED_SQL} AS waitlisted,
  v.name AS venue_name, v.address AS venue_address
  FROM event e JOIN event_venue v ON v.id = e.venue_id`

/** Fields whose change is a real change of the date for the participants (mail, iCalendar SEQUENCE). */
const SCHEDULE_FIELDS = ["title", "venue_id", "starts_at", "ends_at"] as const

export function toVenue(r: Record<string, unknown>): Venue {
  return { ...(r as Venue), capacity_hint: r.capacity_hint === null ? null : Number(r.capacity_hint) }
}

function toTemplate(r: Record<string, unknown>): Template {
  return { ...(r as Template), price: Number(r.price) }
}

export function toEventView(r: Record<string, unknown>): EventView {
  const { venue_name, venue_address, ...rest } = r
  const e = rest as unknown as EventRow & { taken: number; waitlisted: number }
  const taken = Number(e.taken)
  return {
    ...e,
    price: Number(e.price),
    taken,
    waitlisted: Number(e.waitlisted),
    seats_left: Math.max(0, e.capacity - taken),
    venue: { id: e.venue_id, name: venue_name as string, address: (venue_address as string | null) ?? null, time_zone: e.time_zone },
  }
}

/**
 * Venues, templates and events (each date of a series its own event). The
 * places and registrations are the registration service's.
 */
export default class EventService extends TransactionBaseService {
  static Events = {
    CHANGED: "event.changed",
    CANCELLED: "event.cancelled",
    CAPACITY_RAISED: "event.capacity_raised",
  }

  protected readonly eventBusService_: EventBusService

  constructor(container: InjectedDependencies) {
    super(container)
    this.eventBusService_ = container.eventBusService
  }

  // ── Venues ────────────────────────────────────────────────────────────

  async createVenue(data: { name: string; address?: string | null; time_zone: string; capacity_hint?: number | null; location_id?: string | null }): Promise<Venue> {
    return this.atomicPhase_(async (m) => {
      if (data.location_id) {
        const [loc] = await m.query(`SELECT 1 FROM pos_location WHERE id = $1`, [data.location_id])
        if (!loc) {
          throw new DomainError("not_found", "No POS location with this id", 404)
        }
      }
      const [row] = await m.query(
        `INSERT INTO event_venue (id, name, address, time_zone, capacity_hint, location_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [newEntityId("evven"), data.name, data.address ?? null, data.time_zone, data.capacity_hint ?? null, data.location_id ?? null]
      )
      return toVenue(row)
    })
  }

  async updateVenue(id: string, data: Partial<Venue>): Promise<Venue> {
    return this.atomicPhase_(async (m) => {
      const venue = await this.retrieveVenue(id, m)
      const next = { ...venue, ...data }
      const [row] = await updated(m,
        `UPDATE event_venue SET name = $2, address = $3, time_zone = $4, capacity_hint = $5, location_id = $6, updated_at = now() WHERE id = $1 RETURNING *`,
        [id, next.name, next.address ?? null, next.time_zone, next.capacity_hint ?? null, next.location_id ?? null]
      )
      return toVenue(row)
    })
  }

  async retrieveVenue(id: string, m: EntityManager = this.activeManager_): Promise<Venue> {
    const [row] = await m.query(`SELECT * FROM event_venue WHERE id = $1`, [id])
    if (!row) {
      throw new DomainError("not_found", "No venue with this id", 404)
    }
    return toVenue(row)
  }

  async listVenues(): Promise<Venue[]> {
    const rows: Record<string, unknown>[] = await this.activeManager_.query(`SELECT * FROM event_venue ORDER BY name, id LIMIT 500`)
    return rows.map(toVenue)
  }

  /** Deletes a venue no event and no template uses (else 409 `venue_in_use`: the dates keep their venue). */
  async deleteVenue(id: string): Promise<void> {
    return this.atomicPhase_(async (m) => {
      const [row] = await m.query(`SELECT id FROM event_venue WHERE id = $1 FOR UPDATE`, [id])
      if (!row) {
        throw new DomainError("not_found", "No venue with this id", 404)
      }
      const [use] = await m.query(
        `SELECT (SELECT count(*) FROM event WHERE venue_id = $1)::int AS events, (SELECT count(*) FROM event_template WHERE venue_id = $1)::int AS templates`,
        [id]
      )
      if (use.events || use.templates) {
        throw new DomainError("venue_in_use", `This venue is used by ${use.events} event(s) and ${use.templates} template(s); it cannot be deleted`, 409)
      }
      await m.query(`DELETE FROM event_venue WHERE id = $1`, [id])
    })
  }

  // ── Templates ─────────────────────────────────────────────────────────

  async createTemplate(data: Omit<Template, "id" | "created_at" | "updated_at" | "description" | "image_url" | "venue_id" | "min_participants"> & Partial<Template>): Promise<Template> {
    return this.atomicPhase_(async (m) => {
      await assertCurrency(m, data.currency_code)
      if (data.venue_id) {
        await this.retrieveVenue(data.venue_id, m)
      }
      const [row] = await m.query(
        `INSERT INTO event_template (id, title, description, image_url, venue_id, duration_minutes, capacity, price, currency_code, price_categories, questions, waitlist, min_participants, mail_texts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING *`,
        [
          newEntityId("evtpl"),
          data.title,
          data.description ?? null,
          data.image_url ?? null,
          data.venue_id ?? null,
          data.duration_minutes,
          data.capacity,
          data.price,
          data.currency_code,
          JSON.stringify(data.price_categories ?? []),
          JSON.stringify(data.questions ?? []),
          data.waitlist ?? false,
          data.min_participants ?? null,
          JSON.stringify(data.mail_texts ?? {}),
        ]
      )
      return toTemplate(row)
    })
  }

  async updateTemplate(id: string, data: Partial<Template>): Promise<Template> {
    return this.atomicPhase_(async (m) => {
      const t = { ...(await this.retrieveTemplate(id, m)), ...data }
      if (data.venue_id) {
        await this.retrieveVenue(data.venue_id, m)
      }
      const [row] = await updated(m,
        `UPDATE event_template SET title = $2, description = $3, image_url = $4, venue_id = $5, duration_minutes = $6, capacity = $7, price = $8,
           currency_code = $9, price_categories = $10, questions = $11, waitlist = $12, min_participants = $13, mail_texts = $14, updated_at = now()
         WHERE id = $1 RETURNING *`,
        [id, t.title, t.description ?? null, t.image_url ?? null, t.venue_id ?? null, t.duration_minutes, t.capacity, t.price, t.currency_code,
          JSON.stringify(t.price_categories), JSON.stringify(t.questions), t.waitlist, t.min_participants ?? null, JSON.stringify(t.mail_texts)]
      )
      return toTemplate(row)
    })
  }

  async retrieveTemplate(id: string, m: EntityManager = this.activeManager_): Promise<Template> {
    const [row] = await m.query(`SELECT * FROM event_template WHERE id = $1`, [id])
    if (!row) {
      throw new DomainError("not_found", "No template with this id", 404)
    }
    return toTemplate(row)
  }

  async listTemplates(): Promise<Template[]> {
    const rows: Record<string, unknown>[] = await this.activeManager_.query(`SELECT * FROM event_template ORDER BY title, id LIMIT 500`)
    return rows.map(toTemplate)
  }

  /** Deletes a template no event was made from (else 409 `template_in_use`: the dates remember their template). */
  async deleteTemplate(id: string): Promise<void> {
    return this.atomicPhase_(async (m) => {
      const [row] = await m.query(`SELECT id FROM event_template WHERE id = $1 FOR UPDATE`, [id])
      if (!row) {
        throw new DomainError("not_found", "No template with this id", 404)
      }
      const [use] = await m.query(`SELECT count(*)::int AS events FROM event WHERE template_id = $1`, [id])
      if (use.events) {
        throw new DomainError("template_in_use", `${use.events} event(s) were made from this template; it cannot be deleted`, 409)
      }
      await m.query(`DELETE FROM event_template WHERE id = $1`, [id])
    })
  }

  // ── Events ────────────────────────────────────────────────────────────

  /** Creates one event (one date); its local wall times are computed once, in the venue's zone. */
  async create(data: CreateEvent & { series_id?: string | null }): Promise<EventView> {
    return this.atomicPhase_(async (m) => {
      await assertCurrency(m, data.currency_code)
      const venue = await this.retrieveVenue(data.venue_id, m)
      if (data.template_id) {
        await this.retrieveTemplate(data.template_id, m)
      }
      const starts = new Date(data.starts_at)
      const ends = new Date(data.ends_at)
      checkTimes(starts, ends, data)
      const id = newEntityId("evt")
      await m.query(
        `INSERT INTO event (id, template_id, series_id, venue_id, title, description, image_url, starts_at, ends_at, local_start, local_end, time_zone,
           capacity, price, currency_code, price_categories, questions, published, waitlist, registration_opens_at, registration_closes_at,
           min_participants, cancel_by, hold_minutes, payment_days, offer_hours, cancel_cutoff_hours, mail_texts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28)`,
        [
          id,
          data.template_id ?? null,
          data.series_id ?? null,
          venue.id,
          data.title,
          data.description ?? null,
          data.image_url ?? null,
          starts,
          ends,
          localWallTime(starts, venue.time_zone),
          localWallTime(ends, venue.time_zone),
          venue.time_zone,
          data.capacity,
          data.price,
          data.currency_code,
          JSON.stringify(data.price_categories ?? []),
          JSON.stringify(data.questions ?? []),
          data.published,
          data.waitlist ?? false,
          data.registration_opens_at ?? null,
          data.registration_closes_at ?? null,
          data.min_participants ?? null,
          data.cancel_by ?? null,
          data.hold_minutes ?? 15,
          data.payment_days ?? null,
          data.offer_hours ?? 24,
          data.cancel_cutoff_hours ?? 0,
          JSON.stringify(data.mail_texts ?? {}),
        ]
      )
      return this.retrieve(id, m)
    })
  }

  /** One date or a series from a template: each date its own event, at `time` local time in the venue's zone. */
  async createFromTemplate(templateId: string, data: CreateFromTemplate): Promise<EventView[]> {
    return this.atomicPhase_(async (m) => {
      const { template: t, venue, days } = await this.planFromTemplate_(templateId, data, m)
      const seriesId = days.length > 1 ? newEntityId("evser") : null
      const created: EventView[] = []
      for (const day of days) {
        const starts = instantOf(day, data.time, venue.time_zone)
        created.push(
          await this.withTransaction(m).create({
            title: t.title,
            description: t.description,
            image_url: t.image_url,
            venue_id: venue.id,
            starts_at: starts.toISOString(),
            ends_at: addMinutes(starts, t.duration_minutes).toISOString(),
            capacity: data.capacity ?? t.capacity,
            price: t.price,
            currency_code: t.currency_code,
            price_categories: t.price_categories,
            questions: t.questions,
            waitlist: t.waitlist,
            min_participants: t.min_participants,
            mail_texts: t.mail_texts,
            published: data.published,
            template_id: t.id,
            series_id: seriesId,
          })
        )
      }
      return created
    })
  }

  /**
   * What `createFromTemplate` would create, written nowhere: each date's
   * local start and end in the venue's zone and its instants (the admin's
   * preview; across a clock change the local time stays, the offset moves).
   */
  async previewFromTemplate(templateId: string, data: CreateFromTemplate): Promise<{ venue: Venue; dates: { local_start: string; local_end: string; starts_at: Date; ends_at: Date }[] }> {
    const { template, venue, days } = await this.planFromTemplate_(templateId, data, this.activeManager_)
    return {
      venue,
      dates: days.map((day) => {
        const starts = instantOf(day, data.time, venue.time_zone)
        const ends = addMinutes(starts, template.duration_minutes)
        return { local_start: localWallTime(starts, venue.time_zone), local_end: localWallTime(ends, venue.time_zone), starts_at: starts, ends_at: ends }
      }),
    }
  }

  protected async planFromTemplate_(templateId: string, data: CreateFromTemplate, m: EntityManager): Promise<{ template: Template; venue: Venue; days: string[] }> {
    const template = await this.retrieveTemplate(templateId, m)
    const venueId = data.venue_id ?? template.venue_id
    if (!venueId) {
      throw new DomainError("invalid_request", "venue_id: the template has no venue, name one", 400)
    }
    const venue = await this.retrieveVenue(venueId, m)
    let days: string[]
    try {
      days = data.dates ? [...new Set(data.dates)].sort() : weeklyDays(data.weekly!.from, data.weekly!.until, data.weekly!.weekdays)
    } catch (e) {
      throw new DomainError("invalid_request", (e as Error).message, 400)
    }
    if (!days.length) {
      throw new DomainError("invalid_request", "weekly: no date falls on these weekdays between from and until", 400)
    }
    return { template, venue, days }
  }

  /**
   * Changes one event. A change of title, venue or times raises its
   * `sequence` (calendar clients replace the entry) and is announced to the
   * participants; other changes are not. Capacity cannot go below the places
   * given; more capacity is offered to the waiting list.
   */
  async update(id: string, data: UpdateEvent): Promise<EventView> {
    return this.atomicPhase_(async (m) => {
      const current = await this.lock(id, m)
      if (current.status === "cancelled") {
        throw new DomainError("event_cancelled", "This event is cancelled", 409)
      }
      const venue = await this.retrieveVenue(data.venue_id ?? current.venue_id, m)
      const wall = (local: string | undefined): Date | null => {
        if (!local) {
          return null
        }
        try {
          return instantOf(local.slice(0, 10), local.slice(11, 16), venue.time_zone)
        } catch (e) {
          throw new DomainError("invalid_request", (e as Error).message, 400)
        }
      }
      const starts = wall(data.local_start) ?? (data.starts_at ? new Date(data.starts_at) : current.starts_at)
      const ends = wall(data.local_end) ?? (data.ends_at ? new Date(data.ends_at) : current.ends_at)
      const fields: Partial<UpdateEvent> = { ...data }
      delete fields.local_start
      delete fields.local_end
      const merged = { ...current, ...fields }
      checkTimes(starts, ends, merged)
      if (data.capacity !== undefined && data.capacity < current.taken) {
        throw new DomainError("capacity_below_taken", `${current.taken} places are given; the capacity cannot be lower`, 409)
      }
      const real = SCHEDULE_FIELDS.some((f) => {
        const before = current[f] instanceof Date ? (current[f] as Date).getTime() : current[f]
        const after = f === "starts_at" ? starts.getTime() : f === "ends_at" ? ends.getTime() : merged[f]
        return before !== after
      })
      await m.query(
        `UPDATE event SET title = $2, venue_id = $3, starts_at = $4, ends_at = $5, local_start = $6, local_end = $7, time_zone = $8, capacity = $9,
           price = $10, description = $11, image_url = $12, price_categories = $13, questions = $14, published = $15, waitlist = $16,
           registration_opens_at = $17, registration_closes_at = $18, min_participants = $19, cancel_by = $20, hold_minutes = $21,
           payment_days = $22, offer_hours = $23, cancel_cutoff_hours = $24, mail_texts = $25, sequence = sequence + $26, updated_at = now()
         WHERE id = $1`,
        [
          id,
          merged.title,
          venue.id,
          starts,
          ends,
          localWallTime(starts, venue.time_zone),
          localWallTime(ends, venue.time_zone),
          venue.time_zone,
          merged.capacity,
          merged.price,
          merged.description ?? null,
          merged.image_url ?? null,
          JSON.stringify(merged.price_categories),
          JSON.stringify(merged.questions),
          merged.published,
          merged.waitlist,
          merged.registration_opens_at ?? null,
          merged.registration_closes_at ?? null,
          merged.min_participants ?? null,
          merged.cancel_by ?? null,
          merged.hold_minutes,
          merged.payment_days ?? null,
          merged.offer_hours,
          merged.cancel_cutoff_hours,
          JSON.stringify(merged.mail_texts),
          real ? 1 : 0,
        ]
      )
      const events = this.eventBusService_.withTransaction(m)
      if (real) {
        await events.emit(EventService.Events.CHANGED, { id })
      }
      if (data.capacity !== undefined && data.capacity > current.capacity) {
        await events.emit(EventService.Events.CAPACITY_RAISED, { id })
      }
      return this.retrieve(id, m)
    })
  }

  /** Marks the event cancelled (the registration service cancels its registrations in the same transaction). */
  async markCancelled(id: string, m: EntityManager): Promise<void> {
    await m.query(`UPDATE event SET status = 'cancelled', cancelled_at = now(), sequence = sequence + 1, updated_at = now() WHERE id = $1`, [id])
  }

  /** Locks the event's row (every change of its places goes through this) and returns it with its places. */
  async lock(id: string, m: EntityManager): Promise<EventView> {
    const [locked] = await m.query(`SELECT id FROM event WHERE id = $1 FOR UPDATE`, [id])
    if (!locked) {
      throw new DomainError("not_found", "No event with this id", 404)
    }
    return this.retrieve(id, m)
  }

  async retrieve(id: string, m: EntityManager = this.activeManager_): Promise<EventView> {
    const [row] = await m.query(`${EVENT_SELECT} WHERE e.id = $1`, [id])
    if (!row) {
      throw new DomainError("not_found", "No event with this id", 404)
    }
    return toEventView(row)
  }

  /** The admin's list: by start, optionally between two instants and by title. */
  async list(filter: { from?: string; to?: string; q?: string; limit?: number; offset?: number }): Promise<{ events: EventView[]; count: number }> {
    const where: string[] = ["TRUE"]
    const params: unknown[] = []
    if (filter.from) {
      params.push(filter.from)
      where.push(`e.ends_at >= $${params.length}`)
    }
    if (filter.to) {
      params.push(filter.to)
      where.push(`e.starts_at < $${params.length}`)
    }
    if (filter.q) {
      params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      where.push(`e.title ILIKE $${params.length}`)
    }
    const [{ count }] = await this.activeManager_.query(`SELECT count(*)::int AS count FROM event e WHERE ${where.join(" AND ")}`, params)
    params.push(filter.limit ?? 100, filter.offset ?? 0)
    const rows: Record<string, unknown>[] = await this.activeManager_.query(
      `${EVENT_SELECT} WHERE ${where.join(" AND ")} ORDER BY e.starts_at, e.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params
    )
    return { events: rows.map(toEventView), count }
  }

  /** Published, scheduled events that have not ended, soonest first (the store's list). */
  async listPublished(filter: { limit?: number; venue_id?: string } = {}): Promise<EventView[]> {
    const params: unknown[] = [filter.limit ?? 100]
    let venue = ""
    if (filter.venue_id) {
      params.push(filter.venue_id)
      venue = ` AND e.venue_id = $2`
    }
    const rows: Record<string, unknown>[] = await this.activeManager_.query(
      `${EVENT_SELECT} WHERE e.published AND e.status = 'scheduled' AND e.ends_at > now()${venue} ORDER BY e.starts_at, e.id LIMIT $1`,
      params
    )
    return rows.map(toEventView)
  }

  /** A published event as the public sees it, else 404. */
  async retrievePublished(id: string): Promise<EventView> {
    const event = await this.retrieve(id).catch(() => null)
    if (!event || !event.published) {
      throw new DomainError("not_found", "No event with this id", 404)
    }
    return event
  }

  /** For the admin's module health. */
  async health(): Promise<ModuleHealth> {
    try {
      await this.activeManager_.query(`SELECT 1 FROM event LIMIT 1`)
      return { status: "ok" }
    } catch (e) {
      return { status: "failing", detail: (e as Error).message }
    }
  }
}

function checkTimes(starts: Date, ends: Date, data: { registration_opens_at?: string | Date | null; registration_closes_at?: string | Date | null; cancel_by?: string | Date | null; min_participants?: number | null; capacity?: number }): void {
  if (ends.getTime() <= starts.getTime()) {
    throw new DomainError("invalid_request", "ends_at: must be after starts_at", 400)
  }
  const opens = data.registration_opens_at ? new Date(data.registration_opens_at) : null
  const closes = data.registration_closes_at ? new Date(data.registration_closes_at) : null
  if (opens && closes && closes <= opens) {
    throw new DomainError("invalid_request", "registration_closes_at: must be after registration_opens_at", 400)
  }
  if (data.cancel_by && new Date(data.cancel_by) >= starts) {
    throw new DomainError("invalid_request", "cancel_by: must be before starts_at", 400)
  }
  if (data.min_participants && data.capacity && data.min_participants > data.capacity) {
    throw new DomainError("invalid_request", "min_participants: must not exceed the capacity", 400)
  }
}
