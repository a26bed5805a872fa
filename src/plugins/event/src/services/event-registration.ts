import { CartService, EventBusService, LineItemService, RegionService, TransactionBaseService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { DomainError, newEntityId } from "@customer-modules/core"

import type { EventView, PaymentStatus, Registration } from "../types"
import { localText } from "../types"
import { updated } from "../utils/sql"
import type { Register, RegisterByStaff } from "../validators"
import { MAX_QUANTITY } from "../validators"
import type EventService from "./event"

type InjectedDependencies = {
  manager: EntityManager
  eventBusService: EventBusService
  eventService: EventService
  regionService: RegionService
  cartService: CartService
  lineItemService: LineItemService
}

/** Cart metadata (not writable through the store API) naming the registration an online payment is for. */
export const CART_TERMS_KEY = "event_registration"

export type RegistrationSource = "web" | "admin" | "pos"

/** What a registration changed, for the mails: `{ id }` of the registration on each event. */
export const RegistrationEvents = {
  CONFIRMED: "event.registration.confirmed",
  HELD: "event.registration.held",
  WAITLISTED: "event.registration.waitlisted",
  OFFERED: "event.registration.offered",
  CANCELLED: "event.registration.cancelled",
  EXPIRED: "event.registration.expired",
  PAID: "event.registration.paid",
  REFUND_NEEDED: "event.registration.refund_needed",
} as const

export function toRegistration(r: Record<string, unknown>): Registration {
  return { ...(r as Registration), seq: Number(r.seq), amount: Number(r.amount) }
}

/** What a client sees of a registration. */
export function publicRegistration(r: Registration) {
  return {
    id: r.id,
    event_id: r.event_id,
    status: r.status,
    quantity: r.quantity,
    payment_status: r.payment_status,
    amount: r.amount,
    currency_code: r.currency_code,
    hold_expires_at: r.hold_expires_at,
    offer_expires_at: r.offer_expires_at,
    payment_due_at: r.payment_due_at,
    cart_id: r.cart_id,
  }
}

/**
 * Registrations and places. Every change of an event's places runs under the
 * lock on the event's row (`EventService.lock`), re-reads the places given
 * under it, and frees what has expired first: `confirmed + held + offered ≤
 * capacity` holds whatever the concurrency. A freed place goes to the first
 * waiting-list entry that fits, as an offer with a deadline.
 */
export default class EventRegistrationService extends TransactionBaseService {
  static Events = RegistrationEvents

  protected readonly eventBusService_: EventBusService
  protected readonly eventService_: EventService
  protected readonly regionService_: RegionService
  protected readonly cartService_: CartService
  protected readonly lineItemService_: LineItemService

  constructor(container: InjectedDependencies) {
    super(container)
    this.eventBusService_ = container.eventBusService
    this.eventService_ = container.eventService
    this.regionService_ = container.regionService
    this.cartService_ = container.cartService
    this.lineItemService_ = container.lineItemService
  }

  /**
   * Registers for an event. Confirmed when the places are free (held while
   * paying online), waitlisted when full and the event has a waiting list,
   * else 409 `sold_out`.
   */
  async register(eventId: string, input: Register | RegisterByStaff, source: RegistrationSource): Promise<Registration> {
    return this.atomicPhase_(async (m) => {
      const event = await this.settle_(eventId, m)
      if (source === "web" && !event.published) {
        throw new DomainError("not_found", "No event with this id", 404)
      }
      checkOpen(event, source)
      const { quantity, lines, amount } = priced(event, input)
      const answers = checkAnswers(event, input.answers ?? {})
      const participants = (input.participants ?? []).slice(0, quantity)
      const paid = source !== "web" && (input as RegisterByStaff).paid === true
      const free = event.capacity - event.taken
      let status: Registration["status"]
      if (quantity <= free) {
        status = input.pay_online && amount > 0 && source === "web" ? "held" : "confirmed"
      } else if (event.waitlist) {
        status = "waitlisted"
      } else {
        throw new DomainError("sold_out", free > 0 ? `Only ${free} places are left` : "This event is sold out", 409)
      }
      const payment: PaymentStatus = amount === 0 ? "not_required" : paid ? "paid" : "unpaid"
      const [row] = await m.query(
        `INSERT INTO event_registration (id, event_id, name, email, phone, locale, quantity, lines, amount, currency_code, status, payment_status,
           payment_method, paid_at, hold_expires_at, payment_due_at, answers, participants, note, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::varchar, $12::varchar, $13, $14,
           CASE WHEN $11::varchar = 'held' THEN now() + make_interval(mins => $15::int) END,
           CASE WHEN $11::varchar = 'confirmed' AND $12::varchar = 'unpaid' AND $16::int IS NOT NULL THEN LEAST(now() + make_interval(days => $16::int), $17::timestamptz) END,
           $18, $19, $20, $21)
         RETURNING *`,
        [
          newEntityId("evreg"),
          event.id,
          input.name,
          input.email ?? null,
          input.phone ?? null,
          input.locale ?? "de",
          quantity,
          JSON.stringify(lines),
          amount,
          event.currency_code,
          status,
          payment,
          paid ? (input as RegisterByStaff).method ?? source : null,
          paid ? new Date() : null,
          event.hold_minutes,
          event.payment_days,
          event.starts_at,
          JSON.stringify(answers),
          JSON.stringify(participants),
          input.note ?? null,
          source,
        ]
      )
      let registration = toRegistration(row)
      if (status === "held") {
        registration = await this.createCart_(registration, event, m)
      }
      const name =
        status === "confirmed" ? RegistrationEvents.CONFIRMED : status === "held" ? RegistrationEvents.HELD : RegistrationEvents.WAITLISTED
      await this.eventBusService_.withTransaction(m).emit(name, { id: registration.id })
      return registration
    })
  }

  /**
   * The checkout of a held registration: a Medusa cart in a region of the
   * event's currency with one line without a variant (no price list, no tax,
   * no stock; the store API cannot make such a line) at the registration's
   * amount. The guest pays it with the configured payment provider; the
   * order's capture marks the registration paid (`payOnline`).
   */
  protected async createCart_(r: Registration, event: EventView, m: EntityManager): Promise<Registration> {
    const [region] = await this.regionService_.withTransaction(m).list({ currency_code: r.currency_code }, { take: 1, order: { created_at: "ASC" } })
    if (!region) {
      throw new DomainError("no_region", `No region sells in ${r.currency_code.toUpperCase()}; online payment is not possible`, 422)
    }
    const carts = this.cartService_.withTransaction(m)
    const cart = await carts.create({ region_id: region.id, ...(r.email ? { email: r.email } : {}) })
    await this.lineItemService_.withTransaction(m).create({
      cart_id: cart.id,
      title: `${event.title} (${event.local_start.replace("T", " ")})`,
      unit_price: r.amount,
      quantity: 1,
      allow_discounts: false,
      should_merge: false,
      has_shipping: true,
      is_giftcard: false,
      metadata: { event_registration_id: r.id },
    })
    await carts.update(cart.id, { metadata: { [CART_TERMS_KEY]: { registration_id: r.id, amount: r.amount, currency_code: r.currency_code } } })
    const [row] = await updated(m, `UPDATE event_registration SET cart_id = $2, updated_at = now() WHERE id = $1 RETURNING *`, [r.id, cart.id])
    return toRegistration(row)
  }

  /**
   * Cancels a registration (by the guest through the signed link, or by the
   * staff) and offers the freed places to the waiting list. The guest may
   * cancel only until the event's cut-off.
   */
  async cancel(id: string, by: "guest" | "staff"): Promise<Registration> {
    return this.atomicPhase_(async (m) => {
      const current = await this.retrieve(id, m)
      const event = await this.settle_(current.event_id, m)
      const r = await this.retrieve(id, m)
      if (r.status === "cancelled" || r.status === "expired") {
        return r
      }
      if (by === "guest") {
        const cutoff = event.starts_at.getTime() - event.cancel_cutoff_hours * 3_600_000
        if (Date.now() >= cutoff) {
          throw new DomainError("cancel_closed", "This registration can no longer be cancelled online; please contact us", 422)
        }
      }
      const [row] = await updated(m,
        `UPDATE event_registration SET status = 'cancelled', cancelled_at = now(), hold_expires_at = NULL, offer_expires_at = NULL, updated_at = now()
         WHERE id = $1 RETURNING *`,
        [id]
      )
      await this.eventBusService_.withTransaction(m).emit(RegistrationEvents.CANCELLED, { id })
      await this.fillFromWaitlist_(await this.eventService_.retrieve(event.id, m), m)
      return toRegistration(row)
    })
  }

  /** Accepts a waiting-list offer before its deadline: the places become a registration. */
  async acceptOffer(id: string): Promise<Registration> {
    return this.atomicPhase_(async (m) => {
      const current = await this.retrieve(id, m)
      const event = await this.settle_(current.event_id, m)
      const r = await this.retrieve(id, m)
      if (r.status === "confirmed") {
        return r
      }
      if (r.status !== "offered") {
        throw new DomainError("offer_expired", "This offer is no longer open", 409)
      }
      const [row] = await updated(m,
        `UPDATE event_registration SET status = 'confirmed', offer_expires_at = NULL,
           payment_due_at = CASE WHEN payment_status = 'unpaid' AND $2::int IS NOT NULL THEN LEAST(now() + make_interval(days => $2::int), $3::timestamptz) END,
           updated_at = now() WHERE id = $1 RETURNING *`,
        [id, event.payment_days, event.starts_at]
      )
      await this.eventBusService_.withTransaction(m).emit(RegistrationEvents.CONFIRMED, { id })
      return toRegistration(row)
    })
  }

  /**
   * Sets the payment status (staff: paid with a method, unpaid, refunded).
   * A free registration has nothing to pay.
   */
  async setPayment(eventId: string, id: string, status: "paid" | "unpaid" | "refunded", method: string | null): Promise<Registration> {
    return this.atomicPhase_(async (m) => {
      await this.eventService_.lock(eventId, m)
      const r = await this.retrieve(id, m)
      if (r.event_id !== eventId) {
        throw new DomainError("not_found", "No registration with this id for this event", 404)
      }
      if (r.amount === 0) {
        throw new DomainError("payment_not_required", "This registration has nothing to pay", 422)
      }
      if (status === "refunded" && r.payment_status !== "paid") {
        throw new DomainError("not_paid", "Only a paid registration can be refunded", 422)
      }
      const [row] = await updated(m,
        `UPDATE event_registration SET payment_status = $2::varchar,
           payment_method = CASE WHEN $2::varchar = 'paid' THEN $3::varchar WHEN $2::varchar = 'unpaid' THEN NULL ELSE payment_method END,
           paid_at = CASE WHEN $2::varchar = 'paid' THEN COALESCE(paid_at, now()) WHEN $2::varchar = 'unpaid' THEN NULL ELSE paid_at END,
           payment_due_at = CASE WHEN $2::varchar = 'unpaid' THEN payment_due_at ELSE NULL END,
           updated_at = now() WHERE id = $1 RETURNING *`,
        [id, status, method ?? "other"]
      )
      if (status === "paid" && r.payment_status !== "paid") {
        await this.eventBusService_.withTransaction(m).emit(RegistrationEvents.PAID, { id })
      }
      return toRegistration(row)
    })
  }

  /**
   * The online payment of a held registration arrived (its cart's order was
   * placed and captured). Within the hold: confirmed and paid. After the hold
   * expired: confirmed if the places are still free, else waitlisted (paid,
   * when the event has a waiting list) or cancelled and marked for refund —
   * never over capacity. Safe to run twice.
   */
  async payOnline(cartId: string, orderId: string, paid: { amount: number; currency_code: string }): Promise<Registration | null> {
    return this.atomicPhase_(async (m) => {
      const [found] = await m.query(`SELECT * FROM event_registration WHERE cart_id = $1`, [cartId])
      if (!found) {
        return null
      }
      if (Number(found.amount) !== paid.amount || found.currency_code !== paid.currency_code.toLowerCase()) {
        throw new DomainError("payment_mismatch", "The order's amount or currency is not the registration's", 422)
      }
      const event = await this.settle_(found.event_id, m)
      const r = await this.retrieve(found.id, m)
      if (r.payment_status === "paid" || r.payment_status === "refunded") {
        return r
      }
      const events = this.eventBusService_.withTransaction(m)
      let status: Registration["status"] = r.status
      let refund = false
      if (r.status === "held") {
        status = "confirmed"
      } else if (r.status === "expired" || r.status === "cancelled") {
        if (event.status === "scheduled" && r.quantity <= event.capacity - event.taken && event.ends_at > new Date()) {
          status = "confirmed"
        } else if (event.status === "scheduled" && event.waitlist) {
          status = "waitlisted"
        } else {
          status = "cancelled"
          refund = true
        }
      }
      const [row] = await updated(m,
        `UPDATE event_registration SET status = $2::varchar, payment_status = $3, payment_method = 'online', paid_at = now(), order_id = $4,
           hold_expires_at = NULL, payment_due_at = NULL, cancelled_at = CASE WHEN $2::varchar = 'cancelled' THEN COALESCE(cancelled_at, now()) END,
           updated_at = now() WHERE id = $1 RETURNING *`,
        [r.id, status, "paid", orderId]
      )
      if (refund) {
        await events.emit(RegistrationEvents.REFUND_NEEDED, { id: r.id, order_id: orderId })
      } else {
        await events.emit(status === "confirmed" ? RegistrationEvents.CONFIRMED : RegistrationEvents.WAITLISTED, { id: r.id })
        await events.emit(RegistrationEvents.PAID, { id: r.id })
      }
      return toRegistration(row)
    })
  }

  /**
   * Cart completion of a registration paid online, before Medusa authorises
   * the payment (inside the completion's locking transaction, whose lock on
   * the event is kept until the order is placed): a hold still running is
   * kept; a hold that expired takes its places again only if they are still
   * free, else the completion is refused (409 `sold_out`) and nothing is
   * charged. Never over capacity: every other change of the event's places
   * waits for this lock.
   */
  async reserveForCompletion(id: string): Promise<void> {
    return this.atomicPhase_(async (m) => {
      const current = await this.retrieve(id, m)
      const event = await this.settle_(current.event_id, m)
      const r = await this.retrieve(id, m)
      if (r.status === "held" || (r.status === "confirmed" && r.order_id)) {
        return
      }
      if (r.status !== "expired") {
        throw new DomainError("registration_not_held", "This registration is no longer waiting for its payment; nothing is charged", 409)
      }
      if (event.status === "cancelled") {
        throw new DomainError("event_cancelled", "This event is cancelled; nothing is charged", 409)
      }
      if (event.ends_at.getTime() <= Date.now()) {
        throw new DomainError("event_over", "This event is over; nothing is charged", 422)
      }
      if (r.quantity > event.capacity - event.taken) {
        throw new DomainError("sold_out", "The places held for this payment have expired and are gone; nothing is charged", 409)
      }
      await updated(m,
        `UPDATE event_registration SET status = 'held', hold_expires_at = now() + make_interval(mins => $2::int), updated_at = now()
          WHERE id = $1 AND status = 'expired' RETURNING id`,
        [id, event.hold_minutes]
      )
    })
  }

  /**
   * The order of a held registration's cart was placed (still under the
   * completion's lock on the event): its places are confirmed for the order
   * and no longer expire; the capture marks it paid (`payOnline`). A
   * registration no longer held is left to `payOnline`'s re-check. Safe to run twice.
   */
  async confirmForOrder(id: string, orderId: string): Promise<void> {
    await this.activeManager_.query(
      `UPDATE event_registration SET status = 'confirmed', order_id = $2, hold_expires_at = NULL, payment_due_at = NULL, updated_at = now()
        WHERE id = $1 AND status = 'held'`,
      [id, orderId]
    )
  }

  /** The repair of a placed order whose completion did not confirm its registration: under the event's lock, a hold still running is confirmed. */
  async confirmPlacedOrder(orderId: string): Promise<void> {
    return this.atomicPhase_(async (m) => {
      const [found] = await m.query(
        `SELECT r.id, r.event_id FROM event_registration r JOIN "order" o ON o.cart_id = r.cart_id WHERE o.id = $1`,
        [orderId]
      )
      if (!found) {
        return
      }
      await this.settle_(found.event_id, m)
      await this.withTransaction(m).confirmForOrder(found.id, orderId)
    })
  }

  /**
   * Cancels the live registration whose cart became `orderId` (the order was
   * cancelled in Medusa); the freed places are offered to the waiting list.
   * Returns its id, or null when there is none (or it is already cancelled).
   */
  async cancelForOrder(orderId: string): Promise<string | null> {
    const [found] = await this.activeManager_.query(
      `SELECT r.id FROM event_registration r JOIN "order" o ON o.cart_id = r.cart_id
        WHERE o.id = $1 AND r.status IN ('held', 'confirmed', 'waitlisted', 'offered')`,
      [orderId]
    )
    if (!found) {
      return null
    }
    await this.cancel(found.id, "staff")
    return found.id
  }

  /** Records a refund of an online payment. */
  async markRefunded(id: string): Promise<void> {
    await this.activeManager_.query(
      `UPDATE event_registration SET payment_status = 'refunded', updated_at = now() WHERE id = $1 AND payment_status = 'paid'`,
      [id]
    )
  }

  /** Cancels the event and every registration of it; the participants are told. */
  async cancelEvent(eventId: string): Promise<EventView> {
    return this.atomicPhase_(async (m) => {
      const event = await this.eventService_.lock(eventId, m)
      if (event.status === "cancelled") {
        return event
      }
      await this.eventService_.markCancelled(eventId, m)
      const rows: { id: string }[] = await updated(m,
        `UPDATE event_registration SET status = 'cancelled', cancelled_at = now(), hold_expires_at = NULL, offer_expires_at = NULL, updated_at = now()
         WHERE event_id = $1 AND status IN ('held', 'confirmed', 'waitlisted', 'offered') RETURNING id`,
        [eventId]
      )
      const events = this.eventBusService_.withTransaction(m)
      await events.emit("event.cancelled", { id: eventId, registration_ids: rows.map((r) => r.id) })
      return this.eventService_.retrieve(eventId, m)
    })
  }

  /** Checks a registration in at the door (or undoes it). */
  async update(eventId: string, id: string, data: { note?: string | null; checked_in?: boolean }): Promise<Registration> {
    return this.atomicPhase_(async (m) => {
      const r = await this.retrieve(id, m)
      if (r.event_id !== eventId) {
        throw new DomainError("not_found", "No registration with this id for this event", 404)
      }
      if (data.checked_in && r.status !== "confirmed") {
        throw new DomainError("not_confirmed", "Only a confirmed registration can be checked in", 422)
      }
      const [row] = await updated(m,
        `UPDATE event_registration SET note = CASE WHEN $2::boolean THEN $3::varchar ELSE note END,
           checked_in_at = CASE WHEN $4::boolean IS NULL THEN checked_in_at WHEN $4 THEN COALESCE(checked_in_at, now()) ELSE NULL END,
           updated_at = now() WHERE id = $1 RETURNING *`,
        [id, data.note !== undefined, data.note ?? null, data.checked_in ?? null]
      )
      return toRegistration(row)
    })
  }

  /**
   * Checks a confirmed registration in at the door, once: a second scan of
   * the same code is refused (409 `already_checked_in`, with the first time),
   * so a forwarded confirmation does not let two groups in. Under the row
   * lock of the registration: two tills scanning at once check it in once.
   */
  async checkIn(id: string): Promise<Registration> {
    return this.atomicPhase_(async (m) => {
      const [locked] = await m.query(`SELECT * FROM event_registration WHERE id = $1 FOR UPDATE`, [id])
      if (!locked) {
        throw new DomainError("not_found", "No registration with this code", 404)
      }
      const r = toRegistration(locked)
      if (r.status !== "confirmed") {
        throw new DomainError("not_confirmed", "Only a confirmed registration can be checked in", 422)
      }
      if (r.checked_in_at) {
        throw new DomainError("already_checked_in", `Already checked in at ${new Date(r.checked_in_at).toISOString()}`, 409)
      }
      const [row] = await updated(m, `UPDATE event_registration SET checked_in_at = now(), updated_at = now() WHERE id = $1 RETURNING *`, [id])
      return toRegistration(row)
    })
  }

  /**
   * Frees what has expired on the events that have something expired
   * (schedule); each event under its own lock, each in its own transaction.
   */
  async sweep(limit = 100): Promise<number> {
    const rows: { event_id: string }[] = await this.activeManager_.query(
      `SELECT DISTINCT event_id FROM event_registration
        WHERE (status = 'held' AND hold_expires_at <= now()) OR (status = 'offered' AND offer_expires_at <= now())
           OR (status = 'confirmed' AND payment_status = 'unpaid' AND payment_due_at <= now())
        LIMIT $1`,
      [limit]
    )
    for (const { event_id } of rows) {
      await this.activeManager_.transaction((m) => this.settle_(event_id, m))
    }
    return rows.length
  }

  /**
   * Calls off the events whose cancel-by date has passed without their
   * minimum of confirmed participants (each in its own transaction, under its
   * lock; the participants are told). Returns the ids of the events called off.
   */
  async cancelBelowMinimum(now: Date = new Date(), limit = 100): Promise<string[]> {
    const rows: { id: string }[] = await this.activeManager_.query(
      `SELECT e.id FROM event e
        WHERE e.status = 'scheduled' AND e.min_participants IS NOT NULL AND e.cancel_by IS NOT NULL AND e.cancel_by <= $1 AND e.starts_at > $1
          AND COALESCE((SELECT SUM(r.quantity) FROM event_registration r WHERE r.event_id = e.id AND r.status = 'confirmed'), 0) < e.min_participants
        ORDER BY e.cancel_by LIMIT $2`,
      [now, limit]
    )
    const done: string[] = []
    for (const { id } of rows) {
      await this.activeManager_.transaction(async (m) => {
        const event = await this.eventService_.lock(id, m)
        const confirmed: { n: number }[] = await m.query(
          `SELECT COALESCE(SUM(quantity), 0)::int AS n FROM event_registration WHERE event_id = $1 AND status = 'confirmed'`,
          [id]
        )
        if (event.status === "scheduled" && event.min_participants !== null && confirmed[0].n < event.min_participants) {
          await this.withTransaction(m).cancelEvent(id)
          done.push(id)
        }
      })
    }
    return done
  }

  /** Confirmed registrations with an e-mail of scheduled events that start within `days` after `now` (the reminder mail's key makes a repeat send nothing). */
  async dueForReminder(now: Date, days: number, limit = 2000): Promise<string[]> {
    const rows: { id: string }[] = await this.activeManager_.query(
      `SELECT r.id FROM event_registration r JOIN event e ON e.id = r.event_id
        WHERE r.status = 'confirmed' AND r.email IS NOT NULL AND e.status = 'scheduled'
          AND e.starts_at > $1 AND e.starts_at <= $1::timestamptz + make_interval(days => $2::int)
        ORDER BY e.starts_at, r.seq LIMIT $3`,
      [now, days, limit]
    )
    return rows.map((r) => r.id)
  }

  async retrieve(id: string, m: EntityManager = this.activeManager_): Promise<Registration> {
    const [row] = await m.query(`SELECT * FROM event_registration WHERE id = $1`, [id])
    if (!row) {
      throw new DomainError("not_found", "No registration with this id", 404)
    }
    return toRegistration(row)
  }

  /** The participant list of an event in order of registration, optionally searched by name, e-mail or phone. */
  async list(eventId: string, q?: string): Promise<Registration[]> {
    const params: unknown[] = [eventId]
    let search = ""
    if (q) {
      params.push(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      search = ` AND (name ILIKE $2 OR email ILIKE $2 OR phone ILIKE $2)`
    }
    const rows: Record<string, unknown>[] = await this.activeManager_.query(
      `SELECT * FROM event_registration WHERE event_id = $1${search} ORDER BY seq LIMIT 5000`,
      params
    )
    return rows.map(toRegistration)
  }

  /** Totals of the participant list. */
  totals(registrations: Registration[]): { confirmed: number; waitlisted: number; checked_in: number; paid_amount: number; open_amount: number } {
    const live = registrations.filter((r) => r.status === "confirmed")
    return {
      confirmed: live.reduce((n, r) => n + r.quantity, 0),
      waitlisted: registrations.filter((r) => r.status === "waitlisted").reduce((n, r) => n + r.quantity, 0),
      checked_in: live.filter((r) => r.checked_in_at).reduce((n, r) => n + r.quantity, 0),
      paid_amount: registrations.filter((r) => r.payment_status === "paid").reduce((n, r) => n + r.amount, 0),
      open_amount: live.filter((r) => r.payment_status === "unpaid").reduce((n, r) => n + r.amount, 0),
    }
  }

  // ── Under the lock ────────────────────────────────────────────────────

  /** Locks the event, frees what has expired, offers freed places, and returns the event as it is now. */
  protected async settle_(eventId: string, m: EntityManager): Promise<EventView> {
    await this.eventService_.lock(eventId, m)
    const expired: { id: string }[] = await updated(m,
      `UPDATE event_registration SET status = 'expired', updated_at = now()
        WHERE event_id = $1 AND ((status = 'held' AND hold_expires_at <= now()) OR (status = 'offered' AND offer_expires_at <= now())
           OR (status = 'confirmed' AND payment_status = 'unpaid' AND payment_due_at <= now()))
        RETURNING id`,
      [eventId]
    )
    const events = this.eventBusService_.withTransaction(m)
    for (const { id } of expired) {
      await events.emit(RegistrationEvents.EXPIRED, { id })
    }
    const event = await this.eventService_.retrieve(eventId, m)
    return expired.length ? this.fillFromWaitlist_(event, m) : event
  }

  /** Offers free places to waiting-list entries in order, each to the first that fits (group size), never beyond capacity. */
  protected async fillFromWaitlist_(event: EventView, m: EntityManager): Promise<EventView> {
    if (event.status !== "scheduled" || event.ends_at <= new Date()) {
      return event
    }
    let free = event.capacity - event.taken
    if (free <= 0) {
      return event
    }
    const waiting: { id: string; quantity: number }[] = await m.query(
      `SELECT id, quantity FROM event_registration WHERE event_id = $1 AND status = 'waitlisted' ORDER BY seq LIMIT 1000`,
      [event.id]
    )
    const events = this.eventBusService_.withTransaction(m)
    let offered = false
    for (const w of waiting) {
      if (free <= 0) {
        break
      }
      if (w.quantity > free) {
        continue
      }
      await m.query(
        `UPDATE event_registration SET status = 'offered', offer_expires_at = LEAST(now() + make_interval(hours => $2::int), $3::timestamptz), updated_at = now()
         WHERE id = $1`,
        [w.id, event.offer_hours, event.starts_at]
      )
      free -= w.quantity
      offered = true
      await events.emit(RegistrationEvents.OFFERED, { id: w.id })
    }
    return offered ? this.eventService_.retrieve(event.id, m) : event
  }

  /** Offers places a raised capacity made free. */
  async offerFreedPlaces(eventId: string): Promise<void> {
    await this.atomicPhase_(async (m) => {
      const event = await this.settle_(eventId, m)
      await this.fillFromWaitlist_(event, m)
    })
  }
}

function checkOpen(event: EventView, source: RegistrationSource): void {
  const now = Date.now()
  if (event.status === "cancelled") {
    throw new DomainError("event_cancelled", "This event is cancelled", 422)
  }
  if (event.ends_at.getTime() <= now) {
    throw new DomainError("event_over", "This event is over", 422)
  }
  if (source === "web") {
    if (event.registration_opens_at && event.registration_opens_at.getTime() > now) {
      throw new DomainError("registration_not_open", "Registration has not opened yet", 422)
    }
    const closes = event.registration_closes_at?.getTime() ?? event.starts_at.getTime()
    if (closes <= now) {
      throw new DomainError("registration_closed", "Registration is closed", 422)
    }
  }
}

/** The places and the amount: by price categories (`lines`) when the event has them, else `quantity` at the event's price. */
function priced(event: EventView, input: Register | RegisterByStaff): { quantity: number; lines: Registration["lines"]; amount: number } {
  if (event.price_categories.length) {
    if (!input.lines?.length) {
      throw new DomainError("invalid_request", `lines: choose a price category (${event.price_categories.map((c) => c.id).join(", ")})`, 400)
    }
    const lines = input.lines.map((l) => {
      const category = event.price_categories.find((c) => c.id === l.category_id)
      if (!category) {
        throw new DomainError("invalid_request", `lines: unknown price category ${l.category_id}`, 400)
      }
      return { category_id: l.category_id, quantity: l.quantity, unit_price: category.price }
    })
    const quantity = lines.reduce((n, l) => n + l.quantity, 0)
    if (quantity > MAX_QUANTITY || (input.quantity !== undefined && input.quantity !== quantity)) {
      throw new DomainError("invalid_request", `lines: at most ${MAX_QUANTITY} places, and quantity (if given) their sum`, 400)
    }
    return { quantity, lines, amount: lines.reduce((n, l) => n + l.quantity * l.unit_price, 0) }
  }
  if (input.lines?.length) {
    throw new DomainError("invalid_request", "lines: this event has no price categories", 400)
  }
  const quantity = input.quantity ?? 1
  return { quantity, lines: [], amount: quantity * event.price }
}

/** The answers to the event's questions: required ones present, choices among the choices, nothing unknown. */
function checkAnswers(event: EventView, answers: Record<string, string | boolean>): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {}
  for (const key of Object.keys(answers)) {
    if (!event.questions.some((q) => q.id === key)) {
      throw new DomainError("invalid_request", `answers.${key}: no such question`, 400)
    }
  }
  for (const q of event.questions) {
    const a = answers[q.id]
    const empty = a === undefined || (typeof a === "string" && a.trim() === "")
    if (empty) {
      if (q.required) {
        throw new DomainError("invalid_request", `answers.${q.id}: required (${localText(q.label, "en")})`, 400)
      }
      continue
    }
    if (q.type === "yes_no" && typeof a !== "boolean") {
      throw new DomainError("invalid_request", `answers.${q.id}: answer true or false`, 400)
    }
    if (q.type === "text" && typeof a !== "string") {
      throw new DomainError("invalid_request", `answers.${q.id}: answer with a text`, 400)
    }
    if (q.type === "choice" && !q.choices?.some((c) => c.id === a)) {
      throw new DomainError("invalid_request", `answers.${q.id}: one of ${q.choices?.map((c) => c.id).join(", ")}`, 400)
    }
    out[q.id] = typeof a === "string" ? a.trim() : a
  }
  return out
}
