import { TransactionBaseService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import type { BrandingService, MailService } from "@customer-modules/jobs"
import type { PosLocationService } from "@customer-modules/pos"

import type ReservationService from "./reservation"
import type { ReservationDTO } from "./reservation"
import { addDays, localDate } from "../engine/availability"
import type { ReservationMailData } from "../mail/data"
import { reservationIcs } from "../mail/ics"

type InjectedDependencies = {
  manager: EntityManager
  mailService: MailService
  brandingService: BrandingService
  posLocationService: PosLocationService
  reservationService: ReservationService
}

type Options = { publicUrl?: string }

/** Most reminders one run sends; the next run takes the rest. */
const REMINDER_BATCH = 500

/**
 * The reservation mails through jobs (retried, idempotent by business key):
 * confirmation with calendar entry and cancel link, cancellation, the reminder
 * the day before, and the merchant's notice of an online booking.
 */
export default class ReservationMailService extends TransactionBaseService {
  protected readonly mail_: MailService
  protected readonly branding_: BrandingService
  protected readonly locations_: PosLocationService
  protected readonly reservations_: ReservationService
  protected readonly publicUrl_: string

  constructor(container: InjectedDependencies, options: Options = {}) {
    super(container)
    this.mail_ = container.mailService
    this.branding_ = container.brandingService
    this.locations_ = container.posLocationService
    this.reservations_ = container.reservationService
    this.publicUrl_ = (options.publicUrl ?? process.env.PUBLIC_URL ?? "http://localhost:9000").replace(/\/+$/, "")
  }

  /** The link of the page that asks before it cancels. */
  cancelUrl(id: string): string {
    return `${this.publicUrl_}/embed/booking/cancel?id=${encodeURIComponent(id)}&token=${encodeURIComponent(this.reservations_.cancelToken(id))}`
  }

  protected async data_(r: ReservationDTO, withCancel: boolean): Promise<{ data: ReservationMailData; locationName: string }> {
    const location = await this.locations_.withTransaction(this.activeManager_).retrieve(r.location_id)
    return {
      locationName: location.name,
      data: {
        name: r.name,
        reference: r.id.slice(-8).toUpperCase(),
        location_name: location.name,
        address: location.address ?? null,
        starts_at: r.starts_at,
        ends_at: r.ends_at,
        time_zone: location.time_zone,
        party_size: r.party_size,
        cancel_url: withCancel ? this.cancelUrl(r.id) : null,
        phone: r.phone,
        email: r.email,
        note: r.note,
        source: r.source,
      },
    }
  }

  protected locale_(r: ReservationDTO): "de" | "en" | "pt" {
    return r.locale === "en" || r.locale === "pt" ? r.locale : "de"
  }

  /** The guest's confirmation with its .ics; nothing without an e-mail address. */
  async sendConfirmation(id: string): Promise<void> {
    const r = await this.reservations_.withTransaction(this.activeManager_).retrieve(id)
    if (!r.email || r.status !== "confirmed") return
    const { data, locationName } = await this.data_(r, true)
    const ics = reservationIcs({ id: r.id, starts_at: r.starts_at, ends_at: r.ends_at, summary: `${locationName} (${r.party_size})`, location: [locationName, data.address].filter(Boolean).join(", "), url: data.cancel_url })
    await this.mail_.withTransaction(this.activeManager_).enqueue({
      key: `reservation:${r.id}:confirmation`,
      kind: "reservation_confirmation",
      to: r.email,
      locale: this.locale_(r),
      data,
      attachments: [{ file: { filename: "reservation.ics", content_type: "text/calendar; charset=utf-8; method=PUBLISH", content: ics } }],
    })
  }

  async sendCancelled(id: string): Promise<void> {
    const r = await this.reservations_.withTransaction(this.activeManager_).retrieve(id)
    if (!r.email || r.status !== "cancelled") return
    const { data } = await this.data_(r, false)
    await this.mail_.withTransaction(this.activeManager_).enqueue({ key: `reservation:${r.id}:cancelled`, kind: "reservation_cancelled", to: r.email, locale: this.locale_(r), data })
  }

  /** The merchant's notice of an online booking, to the branding's reply-to address (none set: no notice). */
  async sendMerchantNotice(id: string): Promise<void> {
    const branding = await this.branding_.withTransaction(this.activeManager_).retrieve()
    const to = (branding as { reply_to?: string | null }).reply_to
    if (!to) return
    const r = await this.reservations_.withTransaction(this.activeManager_).retrieve(id)
    const { data } = await this.data_(r, false)
    await this.mail_.withTransaction(this.activeManager_).enqueue({ key: `reservation:${r.id}:merchant`, kind: "reservation_merchant_notice", to, locale: "de", data })
  }

  /** Reminders for tomorrow's confirmed reservations (business date in each location's zone); safe to rerun. */
  async sendRemindersDue(now: Date = new Date()): Promise<{ sent: number }> {
    const rows: { id: string; location_id: string; business_date: string }[] = await this.activeManager_.query(
      `SELECT r.id, r.location_id, to_char(r.business_date, 'YYYY-MM-DD') AS business_date FROM reservation r
        WHERE r.status = 'confirmed' AND r.email IS NOT NULL AND r.starts_at BETWEEN $1 AND $2 ORDER BY r.starts_at LIMIT ${REMINDER_BATCH}`,
      [now, new Date(now.getTime() + 50 * 3600_000)]
    )
    let sent = 0
    const zones = new Map<string, string>()
    for (const row of rows) {
      if (!zones.has(row.location_id)) zones.set(row.location_id, (await this.locations_.withTransaction(this.activeManager_).retrieve(row.location_id)).time_zone)
      if (row.business_date !== addDays(localDate(now.getTime(), zones.get(row.location_id) as string), 1)) continue
      const r = await this.reservations_.withTransaction(this.activeManager_).retrieve(row.id)
      const { data } = await this.data_(r, true)
      await this.mail_.withTransaction(this.activeManager_).enqueue({ key: `reservation:${r.id}:reminder`, kind: "reservation_reminder", to: r.email as string, locale: this.locale_(r), data })
      sent++
    }
    return { sent }
  }
}
