import { TransactionBaseService } from "@medusajs/medusa"
import type { ConfigModule } from "@medusajs/medusa"
import { EntityManager } from "typeorm"

import { DomainError } from "@customer-modules/core"
import type { MailService } from "@customer-modules/jobs"
import type { ValueAccountService } from "@customer-modules/ledger"

import { localDate } from "../utils/points"
import { TIMELINE_SPAN_DAYS } from "../utils/timeline"
import type { TimelineInterval } from "../utils/timeline"
import type { LoyaltyPluginOptions } from "../utils/unsubscribe"
import { UnsubscribeLinks } from "../utils/unsubscribe"
import { MAX_TIMELINE_BUCKETS } from "../validators"
import type LoyaltyService from "./loyalty"
import { PLACEHOLDER_DOMAIN } from "../utils/views"

type InjectedDependencies = {
  manager: EntityManager
  mailService: MailService
  loyaltyService: LoyaltyService
  valueAccountService: ValueAccountService
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
  /**
   * Quintiles 1 (worst) … 5 (best) among all analysed customers, from the
   * percent rank: equal figures get equal scores (the lowest of their group),
   * so a customer's segment never depends on the order ties come back in.
   */
  recency: number
  frequency: number
  monetary: number
  segment: Segment
  marketing_consent: boolean
}

/** Largest page of analysis rows; the reactivation run mails at most this many per call. */
export const MAX_ANALYSIS_ROWS = 5000

/** Customers, visits and revenue (per currency) of one RFM segment. */
export type SegmentSummary = {
  segment: Segment
  /** Analysed rows: a customer who paid in two currencies counts once per currency, as in the list. */
  customers: number
  visits: number
  revenue_minor: Record<string, number>
}

export type { TimelineInterval }

/** Points moved on all points accounts (or one customer's) in one bucket of the programme's calendar. */
export type TimelineBucket = {
  /** First local day of the bucket (weeks start on Monday), YYYY-MM-DD in the programme's time zone. */
  start: string
  /** Earned, granted and given (birthday, group, manual) points. */
  issued: number
  /** Points spent on rewards, less redemptions reversed. */
  redeemed: number
  /** Points that expired (decision 34). */
  expired: number
  /** Deductions and take-backs after cancellations and refunds. */
  taken_back: number
  /** issued − redeemed − expired − taken_back: the change of all balances. */
  net: number
}

export type PointsTimeline = {
  interval: TimelineInterval
  time_zone: string
  from: Date
  to: Date
  customer_id: string | null
  buckets: TimelineBucket[]
  totals: Omit<TimelineBucket, "start">
}

/**
 * Visits per customer and currency with their RFM quintiles: the one
 * definition of the analysis, shared by the list and the segment summary.
 * Parameters: $1 now (visits up to), $2 from (visits since, or null).
 */
const SCORED_VISITS = `WITH v AS (
         SELECT customer_id, currency_code, count(*)::int AS visits, sum(amount_minor)::bigint AS revenue_minor,
                min(created_at) AS first_visit_at, max(created_at) AS last_visit_at
           FROM loyalty_visit
          WHERE created_at <= $1 AND ($2::timestamptz IS NULL OR created_at >= $2)
          GROUP BY customer_id, currency_code
       ), scored AS (
         SELECT v.*, LEAST(5, 1 + floor(percent_rank() OVER (ORDER BY last_visit_at) * 5))::int AS recency,
                LEAST(5, 1 + floor(percent_rank() OVER (ORDER BY visits) * 5))::int AS frequency,
                LEAST(5, 1 + floor(percent_rank() OVER (ORDER BY revenue_minor) * 5))::int AS monetary
           FROM v
       )`

/**
 * Purchase analysis over `loyalty_visit`: visits, revenue, average basket,
 * first and last visit per customer, RFM quintiles and segments, and the
 * reactivation list of customers not seen for a while. Reactivation mails go
 * only to members who consented, never to placeholder e-mails, and carry an
 * unsubscribe link (`UnsubscribeLinks`).
 */
export default class LoyaltyAnalysisService extends TransactionBaseService {
  protected readonly mailService_: MailService
  protected readonly links_: UnsubscribeLinks
  protected readonly loyaltyService_: LoyaltyService
  protected readonly valueAccountService_: ValueAccountService

  constructor(container: InjectedDependencies, options?: LoyaltyPluginOptions) {
    super(container)
    this.mailService_ = container.mailService
    this.loyaltyService_ = container.loyaltyService
    this.valueAccountService_ = container.valueAccountService
    this.links_ = UnsubscribeLinks.of(container.configModule, options)
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
  }): Promise<{ listed: number; mailed: string[]; skipped_without_consent: number }> {
    const list = await this.reactivationList(data.inactive_days, data.now)
    const mailed: string[] = []
    let skipped = 0
    for (const row of list) {
      if (!row.marketing_consent || !row.email) {
        skipped++
        continue
      }
      await this.mailService_.enqueue({
        key: `loyalty:reactivation:${data.campaign}:${row.customer_id}`,
        kind: "reactivation",
        to: row.email,
        data: {
          customer_name: [row.first_name, row.last_name].filter(Boolean).join(" ") || row.email,
          // Without a message of the merchant's, the template's own text in the customer's language.
          message: data.message,
          unsubscribe_url: this.links_.url(row.customer_id),
          offer: data.offer,
          offer_valid_until: data.offer_valid_until,
        },
      })
      mailed.push(row.customer_id)
    }
    return { listed: list.length, mailed, skipped_without_consent: skipped }
  }

  /** Whether an unsubscribe link's token fits the customer. */
  validLink(customerId: string, token: string): boolean {
    return this.links_.valid(customerId, token)
  }

  /** Clears the marketing consent when the token fits the customer; 404 otherwise (reveals nothing). */
  async unsubscribe(customerId: string, token: string): Promise<void> {
    if (!this.links_.valid(customerId, token)) {
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

  /**
   * Customers, visits and revenue per RFM segment (every segment, zero ones
   * too), from the same scoring as `analyse`. Aggregated in SQL per quintile
   * pair and visit count, so it covers every analysed customer, not a page.
   */
  async segmentSummary(filter: { now?: Date; from?: Date } = {}): Promise<{ segments: SegmentSummary[]; customers: number }> {
    const groups: Record<string, unknown>[] = await this.activeManager_.query(
      `${SCORED_VISITS}
       SELECT s.recency, s.frequency, s.visits, s.currency_code, count(*)::int AS customers,
              sum(s.visits)::bigint AS visit_total, sum(s.revenue_minor)::bigint AS revenue_minor
         FROM scored s JOIN customer c ON c.id = s.customer_id
        WHERE c.deleted_at IS NULL
        GROUP BY s.recency, s.frequency, s.visits, s.currency_code`,
      [filter.now ?? new Date(), filter.from ?? null]
    )
    const bySegment = new Map<Segment, SegmentSummary>(SEGMENTS.map((segment) => [segment, { segment, customers: 0, visits: 0, revenue_minor: {} }]))
    let customers = 0
    for (const g of groups) {
      const summary = bySegment.get(segmentOf(Number(g.recency), Number(g.frequency), Number(g.visits)))!
      const currency = g.currency_code as string
      summary.customers += Number(g.customers)
      summary.visits += Number(g.visit_total)
      summary.revenue_minor[currency] = (summary.revenue_minor[currency] ?? 0) + Number(g.revenue_minor)
      customers += Number(g.customers)
    }
    return { segments: [...bySegment.values()], customers }
  }

  /**
   * Points issued, redeemed, expired and taken back on the points accounts
   * (all, or one customer's) per day, week (from Monday) or month of the
   * programme's time zone, for instants in [from, to). A reversal counts
   * against the kind of movement it reverses. Empty buckets are included.
   * 400 when from is not before to or the period has more than
   * MAX_TIMELINE_BUCKETS buckets.
   */
  async pointsTimeline(
    filter: { from?: Date; to?: Date; interval?: TimelineInterval; customer_id?: string } = {}
  ): Promise<PointsTimeline> {
    const interval = filter.interval ?? "day"
    const to = filter.to ?? new Date()
    const from = filter.from ?? new Date(to.getTime() - TIMELINE_SPAN_DAYS[interval] * 86_400_000)
    if (from.getTime() >= to.getTime()) {
      throw new DomainError("invalid_request", "from: must be before to", 400)
    }
    const { time_zone } = await this.loyaltyService_.withTransaction(this.activeManager_).settings()
    const count = bucketCount(from, to, interval, time_zone)
    if (count > MAX_TIMELINE_BUCKETS) {
      throw new DomainError(
        "invalid_request",
        `from–to spans ${count} ${interval}s; a timeline has at most ${MAX_TIMELINE_BUCKETS} buckets: choose a shorter period or a longer interval`,
        400
      )
    }
    const rows = await this.valueAccountService_.withTransaction(this.activeManager_).movementBuckets({ kind: "points", from, to, interval, time_zone, customer_id: filter.customer_id ?? null })
    const totals = { issued: 0, redeemed: 0, expired: 0, taken_back: 0, net: 0 }
    const buckets = rows.map((r) => {
      const b = { ...r, net: 0 }
      b.net = b.issued - b.redeemed - b.expired - b.taken_back
      totals.issued += b.issued
      totals.redeemed += b.redeemed
      totals.expired += b.expired
      totals.taken_back += b.taken_back
      totals.net += b.net
      return b
    })
    return { interval, time_zone, from, to, customer_id: filter.customer_id ?? null, buckets, totals }
  }

  protected async rows_(now: Date, from: Date | null): Promise<CustomerAnalysis[]> {
    const rows: Record<string, unknown>[] = await this.activeManager_.query(
      `${SCORED_VISITS}
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

/**
 * Buckets of [from, to) in the local calendar of `time_zone`, as the
 * timeline query makes them (days, weeks from Monday, months).
 */
export function bucketCount(from: Date, to: Date, interval: TimelineInterval, time_zone: string): number {
  const a = localDate(from, time_zone)
  const b = localDate(new Date(to.getTime() - 1), time_zone)
  if (interval === "month") {
    return b.year * 12 + b.month - (a.year * 12 + a.month) + 1
  }
  const day = (d: { year: number; month: number; day: number }) => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000
  if (interval === "day") {
    return day(b) - day(a) + 1
  }
  // 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
  const monday = (d: { year: number; month: number; day: number }) => day(d) - ((day(d) + 3) % 7)
  return (monday(b) - monday(a)) / 7 + 1
}
