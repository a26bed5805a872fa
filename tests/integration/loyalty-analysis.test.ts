/**
 * The loyalty analysis routes behind the admin charts, over HTTP against the
 * running server: the segment summary adds up the customer list, and the
 * points timeline sums the ledger per local day, week or month of the
 * programme's time zone. Other files share the database, so figures are
 * checked for this file's own customers, for periods nobody else writes in,
 * or against another route read at the same instant.
 */
import { randomUUID } from "crypto"

import { beforeAll, describe, expect, it } from "vitest"

import { adminApi } from "../support/api"
import { createTerminal, posApi } from "../support/pos"

let till: string
let timeZone: string

beforeAll(async () => {
  till = (await createTerminal({ scopes: ["loyalty"] })).key
  const settings = await adminApi("/admin/loyalty/settings")
  expect(settings.status, settings.text).toBe(200)
  timeZone = settings.body.settings.time_zone
})

type Registered = { customer: { id: string }; card: { code: string } }

async function register(): Promise<Registered> {
  const res = await posApi<Registered>("/store/pos/customers", { key: till, body: { first_name: "Ana", last_name: `Lysis ${randomUUID().slice(0, 6)}` } })
  expect(res.status, res.text).toBe(201)
  return res.body
}

/** Reports a till sale; returns the points it earned (whatever the programme's rate). */
async function earn(code: string, amount: number): Promise<number> {
  const res = await posApi(`/store/pos/loyalty/${code}/earn`, { key: till, body: { amount, currency_code: "eur", reference: `R-${randomUUID()}` } })
  expect(res.status, res.text).toBe(200)
  return res.body.points_earned
}

async function adjust(customerId: string, points: number): Promise<void> {
  const res = await adminApi(`/admin/loyalty/customers/${customerId}/adjust`, { body: { points, reason: "analysis test" } })
  expect(res.status, res.text).toBe(200)
}

/** YYYY-MM-DD of an instant in an IANA time zone. */
function localDay(instant: Date, tz: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant)
}

/** The local days of [from, to), one per day, in `tz`. */
function localDays(from: Date, to: Date, tz: string): string[] {
  const days = new Set<string>()
  for (let t = from.getTime(); t < to.getTime(); t += 3_600_000) days.add(localDay(new Date(t), tz))
  days.add(localDay(new Date(to.getTime() - 1), tz))
  return [...days]
}

const timeline = (query: Record<string, string>) => adminApi(`/admin/loyalty/analysis/timeline?${new URLSearchParams(query).toString()}`)

describe("points timeline", () => {
  it("sums one customer's points issued, redeemed (less a reversed redemption) and taken back", async () => {
    const from = new Date(Date.now() - 60_000)
    const { customer, card } = await register()
    const earned = (await earn(card.code, 2500)) + (await earn(card.code, 1000))
    expect(earned).toBeGreaterThan(0)
    await adjust(customer.id, 100)
    const reward = await adminApi("/admin/loyalty/rewards", { body: { title: `Tea ${randomUUID().slice(0, 6)}`, points: 40, kind: "discount", discount_amount: 250, currency_code: "eur" } })
    expect(reward.status, reward.text).toBe(201)
    const redemptions: string[] = []
    for (let i = 0; i < 2; i++) {
      const redeemed = await posApi(`/store/pos/loyalty/${card.code}/redeem`, { key: till, body: { reward_id: reward.body.reward.id } })
      expect(redeemed.status, redeemed.text).toBe(200)
      redemptions.push(redeemed.body.transaction.id)
    }
    const reversed = await posApi(`/store/pos/transactions/${redemptions[1]}/reverse`, { key: till, body: {} })
    expect(reversed.status, reversed.text).toBe(200)
    await adjust(customer.id, -5)
    const to = new Date(Date.now() + 60_000)

    const res = await timeline({ customer_id: customer.id, from: from.toISOString(), to: to.toISOString(), interval: "day" })
    expect(res.status, res.text).toBe(200)
    const issued = earned + 100
    const net = issued - 40 - 5
    expect(res.body).toEqual(
      expect.objectContaining({
        interval: "day",
        time_zone: timeZone,
        customer_id: customer.id,
        totals: { issued, redeemed: 40, expired: 0, taken_back: 5, net },
      })
    )
    expect(res.body.buckets.map((b: { start: string }) => b.start)).toEqual(localDays(from, to, timeZone))
    const overview = await adminApi(`/admin/loyalty/customers/${customer.id}`)
    expect(overview.body.points).toBe(net)
  })

  it("counts expired points as expired", async () => {
    const { customer } = await register()
    await adjust(customer.id, 60)
    const from = new Date(Date.now() - 60_000)
    const settings = (await adminApi("/admin/loyalty/settings")).body.settings
    expect((await adminApi("/admin/loyalty/settings", { body: { expiry_months: 12 } })).status).toBe(200)
    try {
      const expired = await adminApi(`/admin/loyalty/customers/${customer.id}/expire`, { body: { now: new Date(Date.now() + 400 * 86_400_000).toISOString() } })
      expect(expired.status, expired.text).toBe(200)
      expect(expired.body).toEqual(expect.objectContaining({ expired: 60 }))
    } finally {
      await adminApi("/admin/loyalty/settings", { body: { expiry_months: settings.expiry_months } })
    }
    const res = await timeline({ customer_id: customer.id, from: from.toISOString(), to: new Date(Date.now() + 60_000).toISOString() })
    expect(res.status, res.text).toBe(200)
    expect(res.body.totals).toEqual({ issued: 60, redeemed: 0, expired: 60, taken_back: 0, net: 0 })
  })

  it("buckets by local day, by week from Monday and by month in the programme's time zone", async () => {
    expect(timeZone).toBe("Europe/Berlin")
    // 23:30 UTC on New Year's Eve is already 1 January in Berlin.
    const days = await timeline({ from: "2000-12-31T23:30:00Z", to: "2001-01-02T23:30:00Z", interval: "day" })
    expect(days.status, days.text).toBe(200)
    expect(days.body.buckets.map((b: { start: string }) => b.start)).toEqual(["2001-01-01", "2001-01-02", "2001-01-03"])
    expect(days.body.totals).toEqual({ issued: 0, redeemed: 0, expired: 0, taken_back: 0, net: 0 })

    const weeks = await timeline({ from: "2001-01-03T12:00:00+01:00", to: "2001-02-01T00:00:00+01:00", interval: "week" })
    expect(weeks.status, weeks.text).toBe(200)
    expect(weeks.body.buckets.map((b: { start: string }) => b.start)).toEqual(["2001-01-01", "2001-01-08", "2001-01-15", "2001-01-22", "2001-01-29"])

    const months = await timeline({ from: "2000-11-15T00:00:00+01:00", to: "2001-02-01T00:00:00+01:00", interval: "month" })
    expect(months.status, months.text).toBe(200)
    expect(months.body.buckets.map((b: { start: string }) => b.start)).toEqual(["2000-11-01", "2000-12-01", "2001-01-01"])
  })

  it("answers 400 buckets and refuses 401 with a clear message", async () => {
    expect(timeZone).toBe("Europe/Berlin")
    const most = await timeline({ from: "2024-01-01T00:00:00+01:00", to: "2025-02-04T00:00:00+01:00", interval: "day" })
    expect(most.status, most.text).toBe(200)
    expect(most.body.buckets).toHaveLength(400)
    const tooMany = await timeline({ from: "2024-01-01T00:00:00+01:00", to: "2025-02-05T00:00:00+01:00", interval: "day" })
    expect(tooMany.status).toBe(400)
    expect(tooMany.body).toEqual({ type: "invalid_request", message: expect.stringContaining("401 days") })
    expect(tooMany.body.message).toContain("at most 400")
    // The same period by week is fine.
    expect((await timeline({ from: "2024-01-01T00:00:00+01:00", to: "2025-02-05T00:00:00+01:00", interval: "week" })).status).toBe(200)
  })

  it("gives the buckets as CSV", async () => {
    const { customer } = await register()
    const before = new Date()
    await adjust(customer.id, 7)
    const after = new Date()
    const query = { customer_id: customer.id, from: new Date(Date.now() - 3 * 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() }
    const json = await timeline(query)
    const csv = await timeline({ ...query, format: "csv" })
    expect(csv.status, csv.text).toBe(200)
    expect(csv.headers.get("content-type")).toContain("text/csv")
    const lines = csv.text.trim().split("\r\n")
    expect(lines[0]).toBe("start,issued,redeemed,expired,taken_back,net")
    expect(lines.slice(1)).toEqual(json.body.buckets.map((b: Record<string, unknown>) => [b.start, b.issued, b.redeemed, b.expired, b.taken_back, b.net].join(",")))
    // One bucket holds the 7 points: the local day of the grant (the window may reach past midnight).
    const issued = lines.slice(1).filter((line) => !line.endsWith(",0,0,0,0,0"))
    expect(issued).toHaveLength(1)
    const [day, ...figures] = issued[0].split(",")
    expect(figures.join(",")).toBe("7,0,0,0,7")
    expect([localDay(before, timeZone), localDay(after, timeZone)]).toContain(day)
  })

  it("refuses bad input with 400", async () => {
    const bad: Record<string, string>[] = [
      { from: "2025-01-02T00:00:00Z", to: "2025-01-01T00:00:00Z" },
      { from: "2025-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z" },
      { interval: "year" },
      { from: "yesterday" },
      { to: "1960-01-01T00:00:00Z" },
      { format: "xml" },
      { customer_id: "x".repeat(65) },
      { colour: "red" },
    ]
    for (const query of bad) {
      const res = await timeline(query)
      expect(res.status, `${JSON.stringify(query)}: ${res.text}`).toBe(400)
      expect(res.body).toEqual({ type: "invalid_request", message: expect.any(String) })
    }
    expect((await timeline({ from: "2025-01-02T00:00:00Z", to: "2025-01-01T00:00:00Z" })).body.message).toContain("from: must be before to")
  })
})

type SegmentRow = { segment: string; customers: number; visits: number; revenue_minor: Record<string, number> }

describe("segment summary", () => {
  it("adds up the customer list per segment at the same instant", async () => {
    const a = await register()
    const b = await register()
    await earn(a.card.code, 1200)
    await earn(a.card.code, 800)
    await earn(b.card.code, 4500)
    const now = new Date().toISOString()
    // Sales still committing when `now` was taken have settled after this.
    await new Promise((r) => setTimeout(r, 1000))

    const summary = await adminApi(`/admin/loyalty/analysis/segments?now=${encodeURIComponent(now)}`)
    expect(summary.status, summary.text).toBe(200)

    const expected = new Map<string, SegmentRow>()
    let count = Infinity
    for (let offset = 0; offset < count; offset += 200) {
      const page = await adminApi(`/admin/loyalty/analysis?now=${encodeURIComponent(now)}&limit=200&offset=${offset}`)
      expect(page.status, page.text).toBe(200)
      count = page.body.count
      for (const c of page.body.customers as { segment: string; visits: number; revenue_minor: number; currency_code: string; customer_id: string }[]) {
        const row = expected.get(c.segment) ?? { segment: c.segment, customers: 0, visits: 0, revenue_minor: {} }
        row.customers += 1
        row.visits += c.visits
        row.revenue_minor[c.currency_code] = (row.revenue_minor[c.currency_code] ?? 0) + c.revenue_minor
        expected.set(c.segment, row)
      }
    }
    expect(count).toBeGreaterThanOrEqual(2)
    expect(summary.body.customers).toBe(count)
    expect(summary.body.segments.map((s: SegmentRow) => s.segment)).toEqual(["champions", "loyal", "new", "at_risk", "lost", "regular"])
    for (const s of summary.body.segments as SegmentRow[]) {
      expect(s).toEqual(expected.get(s.segment) ?? { segment: s.segment, customers: 0, visits: 0, revenue_minor: {} })
    }
  })

  it("counts nobody before the first sale", async () => {
    const res = await adminApi("/admin/loyalty/analysis/segments?now=1971-01-01T00:00:00Z")
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual({
      customers: 0,
      segments: ["champions", "loyal", "new", "at_risk", "lost", "regular"].map((segment) => ({ segment, customers: 0, visits: 0, revenue_minor: {} })),
    })
  })

  it("refuses bad input with 400", async () => {
    for (const query of ["now=soon", "from=1969-12-31T00:00:00Z", "segment=champions", "limit=5"]) {
      const res = await adminApi(`/admin/loyalty/analysis/segments?${query}`)
      expect(res.status, `${query}: ${res.text}`).toBe(400)
      expect(res.body.type).toBe("invalid_request")
    }
  })
})
