import { createHmac, timingSafeEqual } from "crypto"

import { TransactionBaseService } from "@medusajs/medusa"
import type { ConfigModule } from "@medusajs/medusa"
import { EntityManager } from "typeorm"

import { DomainError } from "@customer-modules/core"
import type { MailService } from "@customer-modules/jobs"

import { PLACEHOLDER_DOMAIN } from "./loyalty"

type InjectedDependencies = {
  manager: EntityManager
  mailService: MailService
  configModule: ConfigModule
}

export const SEGMENTS = ["champions", "loyal", "new", "at_risk", "lost", "regular"] as const
export type Segment = (typeof SEGMENTS)[number]

/** One customer's purchase behaviour from the visits that earned (till receipts and web orders). */
export type CustomerAnalysis = {
  customer_id: string
  first_name: string | null
  last_name: string | null
  email: string | null
  currency_code: string
  visits: number
  revenue_minor: number
  average_basket_minor: number
  first_visit_at: Date
  last_visit_at: Date
  /** Quintiles 1 (worst) … 5 (best) among all analysed customers. */
  recency: number
  frequency: number
  monetary: number
  segment: Segment
  marketing_consent: boolean
}

/** Largest page of analysis rows; the reactivation run mails at most this many per call. */
export const MAX_ANALYSIS_ROWS = 5000

/**
 * Purchase analysis over `loyalty_visit`: visits, revenue, average basket,
 * first and last visit per customer, RFM quintiles and segments, and the
 * reactivation list of customers not seen for a while. Reactivation mails go
 * only to members who consented, never to placeholder e-mails, and carry an
 * unsubscribe link (HMAC of the customer id with the server's JWT secret).
 */
export default class LoyaltyAnalysisService extends TransactionBaseService {
  protected readonly mailService_: MailService
  protected readonly secret_: string

  constructor(container: InjectedDependencies) {
    super(container)
    this.mailService_ = container.mailService
    this.secret_ = `loyalty-unsubscribe:${container.configModule?.projectConfig?.jwt_secret ?? "supersecret"}`
  }

  /** Customers with their purchase figures and RFM segment, best revenue first. */
  async analyse(
    filter: { now?: Date; from?: Date; segment?: Segment; limit?: number; offset?: number } = {}
  ): Promise<{ customers: CustomerAnalysis[]; count: number }> {
    const rows = await this.rows_(filter.now ?? new Date(), filter.from ?? null)
    const selected = filter.segment ? rows.filter((r) => r.segment === filter.segment) : rows
    const offset = filter.offset ?? 0
    return { customers: selected.slice(offset, offset + Math.min(filter.limit ?? 50, MAX_ANALYSIS_ROWS)), count: selected.length }
  }

  /** Customers whose last visit lies more than `inactive_days` before `now`, longest absent first. */
  async reactivationList(inactive_days: number, now: Date = new Date()): Promise<CustomerAnalysis[]> {
    const cutoff = new Date(now.getTime() - inactive_days * 86_400_000)
    return (await this.rows_(now, null))
      .filter((r) => r.last_visit_at < cutoff)
      .sort((a, b) => a.last_visit_at.getTime() - b.last_visit_at.getTime())
      .slice(0, MAX_ANALYSIS_ROWS)
  }

  /**
   * Queues a reactivation mail to every consenting customer on the list, once
   * per customer and campaign (key `loyalty:reactivation:<campaign>:<customer>`).
   */
  async mailReactivation(data: {
    inactive_days: number
    campaign: string
    message?: string
    offer?: string
    offer_valid_until?: string
    now?: Date
    public_url: string
  }): Promise<{ listed: number; mailed: string[]; skipped_without_consent: number }> {
    const list = await this.reactivationList(data.inactive_days, data.now)
    const mailed: string[] = []
    let skipped = 0
    for (const row of list) {
      if (!row.marketing_consent || !row.email) {
        skipped++
        continue
      }
      const link = `${data.public_url.replace(/\/$/, "")}/store/loyalty/unsubscribe?customer_id=${encodeURIComponent(row.customer_id)}&token=${this.unsubscribeToken(row.customer_id)}`
      const text = data.message ?? "We have not seen you for a while and would be glad to welcome you again."
      await this.mailService_.enqueue({
        key: `loyalty:reactivation:${data.campaign}:${row.customer_id}`,
        kind: "reactivation",
        to: row.email,
        data: {
          customer_name: [row.first_name, row.last_name].filter(Boolean).join(" ") || row.email,
          message: `${text}\n\nNo more of these mails: ${link}`.slice(0, 2000),
          offer: data.offer,
          offer_valid_until: data.offer_valid_until,
        },
      })
      mailed.push(row.customer_id)
    }
    return { listed: list.length, mailed, skipped_without_consent: skipped }
  }

  /** The token of a customer's unsubscribe link. */
  unsubscribeToken(customerId: string): string {
    return createHmac("sha256", this.secret_).update(customerId).digest("base64url")
  }

  /** Clears the marketing consent when the token fits the customer; 404 otherwise (reveals nothing). */
  async unsubscribe(customerId: string, token: string): Promise<void> {
    const expected = Buffer.from(this.unsubscribeToken(customerId))
    const given = Buffer.from(token)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new DomainError("not_found", "This unsubscribe link is not valid", 404)
    }
    await this.setConsent(customerId, false)
  }

  /** Records the member's marketing consent (yes or no); 404 for a customer outside the programme. */
  async setConsent(customerId: string, consent: boolean): Promise<{ marketing_consent: boolean }> {
    return this.atomicPhase_(async (manager) => {
      const [rows] = await manager.query(
        `UPDATE loyalty_member SET marketing_consent = $2, consent_changed_at = now(), updated_at = now() WHERE customer_id = $1 RETURNING marketing_consent`,
        [customerId, consent]
      )
      if (!rows.length) {
        throw new DomainError("not_found", `Customer ${customerId} is not in the loyalty programme`, 404)
      }
      return { marketing_consent: rows[0].marketing_consent as boolean }
    })
  }

  protected async rows_(now: Date, from: Date | null): Promise<CustomerAnalysis[]> {
    const rows: Record<string, unknown>[] = await this.activeManager_.query(
      `WITH v AS (
         SELECT customer_id, currency_code, count(*)::int AS visits, sum(amount_minor)::bigint AS revenue_minor,
                min(created_at) AS first_visit_at, max(created_at) AS last_visit_at
           FROM loyalty_visit
          WHERE created_at <= $1 AND ($2::timestamptz IS NULL OR created_at >= $2)
          GROUP BY customer_id, currency_code
       ), scored AS (
         SELECT v.*, ntile(5) OVER (ORDER BY last_visit_at) AS recency, ntile(5) OVER (ORDER BY visits) AS frequency,
                ntile(5) OVER (ORDER BY revenue_minor) AS monetary
           FROM v
       )
       SELECT s.*, c.first_name, c.last_name, c.email, COALESCE(m.marketing_consent, false) AS marketing_consent,
              COALESCE(m.email_placeholder, false) AS email_placeholder
         FROM scored s JOIN customer c ON c.id = s.customer_id LEFT JOIN loyalty_member m ON m.customer_id = s.customer_id
        WHERE c.deleted_at IS NULL
        ORDER BY s.revenue_minor DESC, s.customer_id
        LIMIT ${MAX_ANALYSIS_ROWS}`,
      [now, from]
    )
    return rows.map((r) => {
      const visits = Number(r.visits)
      const revenue = Number(r.revenue_minor)
      const recency = Number(r.recency)
      const frequency = Number(r.frequency)
      const email = r.email_placeholder || String(r.email ?? "").endsWith(`@${PLACEHOLDER_DOMAIN}`) ? null : ((r.email as string) ?? null)
      return {
        customer_id: r.customer_id as string,
        first_name: (r.first_name as string) ?? null,
        last_name: (r.last_name as string) ?? null,
        email,
        currency_code: r.currency_code as string,
        visits,
        revenue_minor: revenue,
        average_basket_minor: visits ? Math.floor(revenue / visits) : 0,
        first_visit_at: new Date(r.first_visit_at as string),
        last_visit_at: new Date(r.last_visit_at as string),
        recency,
        frequency,
        monetary: Number(r.monetary),
        segment: segmentOf(recency, frequency, visits),
        marketing_consent: !!r.marketing_consent,
      }
    })
  }
}

/** RFM segment from the recency and frequency quintiles (documented in decision 33). */
export function segmentOf(recency: number, frequency: number, visits: number): Segment {
  if (recency >= 4 && frequency >= 4) return "champions"
  if (visits === 1 && recency >= 4) return "new"
  if (frequency >= 4) return recency <= 2 ? "at_risk" : "loyal"
  if (recency === 1) return "lost"
  if (recency <= 2 && frequency >= 3) return "at_risk"
  return "regular"
}
