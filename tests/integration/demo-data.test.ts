/**
 * The module demo: on a private database, `cli.js migrate` + `cli.js seed` with
 * the module demo seed every module through the services; a server of its own
 * on that database shows the rows through the admin API, the printed curl line
 * redeems a demo voucher, and `cli.js ledger:verify` still exits 0.
 */
import { execFileSync } from "child_process"
import path from "path"

import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { adminApi, api } from "../support/api"
import { ADMIN, databaseUrl, dropDatabase, withAdminClient } from "../support/database"
import { ROOT, type RunningServer, startServer, TEST_SECRETS } from "../support/server"

const NAME = `cm_demo_${process.pid}`
const CLI = path.join(ROOT, "dist", "scripts", "cli.js")
const env = { ...process.env, ...TEST_SECRETS, DATABASE_URL: databaseUrl(NAME), REDIS_URL: "", CM_DEMO_MODULES: "1" }
let seedOutput = ""
let seedSeconds = 0
let server: RunningServer
let locations: { id: string; name: string }[] = []

function cli(command: string): string {
  return execFileSync(process.execPath, [CLI, command], { cwd: ROOT, env, stdio: "pipe" }).toString()
}

/** The demo's today in Berlin, shifted by `days`. */
function berlinDay(days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date(Date.now() + days * 86_400_000))
}

const admin = <T = any>(p: string, opts: Parameters<typeof adminApi>[1] = {}) => adminApi<T>(p, { ...opts, baseUrl: server.url })

describe("module demo data", () => {
  beforeAll(async () => {
    await withAdminClient((c) => c.query(`CREATE DATABASE ${NAME}`))
    cli("migrate")
    const started = Date.now()
    seedOutput = cli("seed")
    seedSeconds = (Date.now() - started) / 1000
    console.log(`[demo-data] seed took ${seedSeconds.toFixed(1)} s; ${seedOutput.match(/module demo seeded in [0-9.]+ s/)?.[0]}`)
    server = await startServer({
      name: "demo-data",
      env: {
        DATABASE_URL: databaseUrl(NAME),
        REDIS_URL: process.env.REDIS_URL || "redis://127.0.0.1:6379",
        REDIS_NAMESPACE: `cmdemo-${process.pid}`,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
      },
    })
    const res = await admin("/admin/pos/locations")
    locations = res.body.locations
  }, 600_000)

  afterAll(async () => {
    await server?.stop()
    await dropDatabase(NAME)
  })

  it("prints a till key, a top-up key per location, a feedback tablet key and a curl line that redeems a demo voucher", async () => {
    expect(seedOutput.match(/till key pos_[A-Za-z0-9_-]{43}/g)).toHaveLength(2)
    expect(seedOutput.match(/top-up key pos_[A-Za-z0-9_-]{43}/g)).toHaveLength(2)
    expect(seedOutput.match(/feedback tablet key pos_[A-Za-z0-9_-]{43}/g)).toHaveLength(1)
    const line = seedOutput.split("\n").find((l) => l.includes("curl "))
    expect(line).toMatch(/curl -X POST -H "Authorization: Bearer pos_[A-Za-z0-9_-]{43}" .* http:\/\/localhost:9000\/store\/pos\/gift-cards\/[A-Z0-9-]+\/redeem$/)
    const command = line!.slice(line!.indexOf("curl ")).replace("http://localhost:9000", server.url)
    const before = await admin(`/admin/vouchers?q=${encodeURIComponent(command.split("/gift-cards/")[1].split("/")[0])}`)
    expect(before.body.gift_cards[0]).toEqual(expect.objectContaining({ balance: 5000, status: "active" }))
    const answer = JSON.parse(execFileSync("sh", ["-c", `${command} -s`]).toString())
    expect(answer.gift_card).toEqual(expect.objectContaining({ balance: 4500, currency_code: "eur" }))
    expect(answer.transaction).toEqual(expect.objectContaining({ type: "redeem", amount: -500 }))
  })

  it("shows vouchers sold, redeemed, reloaded, blocked and expired, with a liability report that says something", async () => {
    const list = await admin("/admin/vouchers?limit=50")
    expect(list.status, list.text).toBe(200)
    expect(list.body.count).toBeGreaterThanOrEqual(10)
    const statuses = list.body.gift_cards.map((g: { status: string }) => g.status)
    expect(statuses).toContain("blocked")
    expect(list.body.gift_cards.some((g: { customer_id: string | null }) => g.customer_id)).toBe(true)
    const report = await admin(`/admin/vouchers/liability?from=${berlinDay(-200)}&to=${berlinDay(0)}`)
    expect(report.status, report.text).toBe(200)
    const { opening, closing, totals, locations: lines } = report.body.report
    expect(opening).toBeGreaterThan(0)
    expect(totals.sold).toBeGreaterThan(0)
    expect(totals.redeemed).toBeGreaterThan(0)
    expect(totals.reloaded).toBeGreaterThan(0)
    expect(totals.expired).toBeGreaterThan(0)
    expect(closing).toBe(opening + totals.sold + totals.reloaded - totals.redeemed - totals.expired - totals.refunded + totals.other)
    expect(lines.map((l: { location: string }) => l.location)).toEqual(expect.arrayContaining(["Café Mitte", "Café Kreuzberg"]))
    // Sales spread over months, not all stamped today.
    const older = await admin(`/admin/vouchers/liability?from=${berlinDay(-200)}&to=${berlinDay(-30)}`)
    expect(older.body.report.totals.sold).toBeGreaterThan(0)
    expect(older.body.report.totals.redeemed).toBeGreaterThan(0)
    const sales = await admin("/admin/voucher-shop/sales?limit=10")
    expect(sales.status, sales.text).toBe(200)
    expect(sales.body.sales).toHaveLength(1)
    const designs = await admin("/admin/voucher-shop/designs")
    expect(designs.body.designs.length).toBeGreaterThanOrEqual(1)
  })

  it("shows prepaid cards with top-ups and charges over the last weeks", async () => {
    const list = await admin("/admin/prepaid-cards")
    expect(list.status, list.text).toBe(200)
    expect(list.body.count).toBe(4)
    const card = list.body.prepaid_cards[0]
    const detail = await admin(`/admin/prepaid-cards/${card.id}`)
    expect(detail.status, detail.text).toBe(200)
    const history: { type: string; created_at: string }[] = detail.body.transactions ?? detail.body.history ?? []
    expect(history.map((t) => t.type)).toEqual(expect.arrayContaining(["load", "charge"]))
    expect(Math.min(...history.map((t) => Date.parse(t.created_at)))).toBeLessThan(Date.now() - 14 * 86_400_000)
  })

  it("shows loyalty members with points, rewards, a running campaign and two birthdays this week", async () => {
    const members = await admin("/admin/loyalty/customers?limit=50")
    expect(members.status, members.text).toBe(200)
    const withPoints = members.body.customers.filter((c: { points: number }) => c.points > 0)
    expect(withPoints.length).toBeGreaterThanOrEqual(6)
    const rewards = await admin("/admin/loyalty/rewards")
    expect(rewards.body.rewards).toHaveLength(2)
    const settings = await admin("/admin/loyalty/settings")
    const running = settings.body.settings.campaigns.filter((c: { starts_at: string; ends_at: string }) => Date.parse(c.starts_at) < Date.now() && Date.parse(c.ends_at) > Date.now())
    expect(running).toHaveLength(1)
    const birthdays = await admin("/admin/loyalty/birthdays?days=7")
    expect(birthdays.status, birthdays.text).toBe(200)
    expect(birthdays.body.birthdays).toHaveLength(2)
    expect(members.body.customers.some((c: { marketing_consent: boolean }) => c.marketing_consent)).toBe(true)
    expect(members.body.customers.some((c: { marketing_consent: boolean }) => !c.marketing_consent)).toBe(true)
  })

  it("shows invoices open, paid, overdue with a reminder and cancelled by a credit note, and accounts in credit and debit", async () => {
    const count = async (status: string) => (await admin(`/admin/debtor-invoices?status=${status}`)).body.invoices
    expect(await count("paid")).toHaveLength(2)
    expect((await count("open")).length).toBeGreaterThanOrEqual(3)
    const overdue = await count("overdue")
    expect(overdue).toHaveLength(1)
    const detail = await admin(`/admin/debtor-invoices/${overdue[0].id}`)
    expect(detail.body.invoice.reminders).toEqual([expect.objectContaining({ level: 1 })])
    const cancelled = await count("cancelled")
    expect(cancelled).toHaveLength(1)
    const note = await admin(`/admin/debtor-invoices/${cancelled[0].id}`)
    expect(note.body.invoice.credit_note).toEqual(expect.objectContaining({ total: expect.any(Number) }))
    const accounts = await admin("/admin/customer-accounts")
    const balances = accounts.body.accounts.map((a: { balance: number }) => a.balance)
    expect(balances.some((b: number) => b < 0)).toBe(true)
    expect(balances.some((b: number) => b > 0)).toBe(true)
  })

  it("shows a floor plan per location and today's and tomorrow's bookings in several statuses", async () => {
    expect(locations).toHaveLength(2)
    for (const location of locations) {
      const plan = await admin(`/admin/reservations/locations/${location.id}/plan`)
      expect(plan.status, plan.text).toBe(200)
      expect(plan.body.plan?.areas ?? plan.body.areas).toHaveLength(2)
      expect(plan.body.plan?.tables ?? plan.body.tables).toHaveLength(6)
      expect(plan.body.plan?.combinations ?? plan.body.combinations).toHaveLength(1)
    }
    const mitte = locations.find((l) => l.name === "Café Mitte")!
    const today = await admin(`/admin/reservations?location_id=${mitte.id}&date=${berlinDay(0)}`)
    expect(today.status, today.text).toBe(200)
    expect(new Set(today.body.reservations.map((r: { status: string }) => r.status))).toEqual(new Set(["finished", "no_show", "seated", "cancelled", "confirmed"]))
    const tomorrow = await admin(`/admin/reservations?location_id=${mitte.id}&date=${berlinDay(1)}`)
    expect(tomorrow.body.reservations.length).toBeGreaterThanOrEqual(3)
  })

  it("shows upcoming events with a series and participants paid and unpaid", async () => {
    const list = await admin("/admin/events")
    expect(list.status, list.text).toBe(200)
    const upcoming = list.body.events.filter((e: { starts_at: string }) => Date.parse(e.starts_at) > Date.now())
    expect(upcoming.length).toBeGreaterThanOrEqual(4)
    expect(list.body.events.filter((e: { series_id: string | null }) => e.series_id).length).toBeGreaterThanOrEqual(2)
    const tasting = list.body.events.find((e: { title: string }) => e.title.startsWith("Kaffee-Verkostung"))
    const registrations = await admin(`/admin/events/${tasting.id}/registrations`)
    expect(registrations.status, registrations.text).toBe(200)
    const payments = registrations.body.registrations.map((r: { payment_status: string }) => r.payment_status)
    expect(payments).toEqual(expect.arrayContaining(["paid", "unpaid"]))
    const templates = await admin("/admin/events/templates")
    expect(templates.body.templates).toHaveLength(1)
  })

  it("shows news (current, pinned, future) and FAQ in de, en and pt", async () => {
    for (const locale of ["de", "en", "pt"]) {
      const news = await admin(`/admin/cms/news?locale=${locale}`)
      expect(news.status, news.text).toBe(200)
      expect(news.body.news).toHaveLength(3)
      expect(news.body.news.some((n: { pinned: boolean }) => n.pinned)).toBe(true)
      expect(news.body.news.some((n: { valid_from: string | null }) => n.valid_from && Date.parse(n.valid_from) > Date.now())).toBe(true)
      const faq = await admin(`/admin/cms/faq?locale=${locale}`)
      expect(faq.body.faq).toHaveLength(3)
    }
    const site = await api("/store/cms/news?locale=pt", { baseUrl: server.url })
    expect(site.text).toContain("rolos de canela")
    expect(site.text).not.toContain("prova de café")
  })

  it("shows a questionnaire with responses over the last days, a tablet assigned to it, staff checks and a shift plan", async () => {
    const questionnaires = await admin("/admin/feedback/questionnaires")
    expect(questionnaires.body.questionnaires).toHaveLength(1)
    const q = questionnaires.body.questionnaires[0]
    const results = await admin(`/admin/feedback/questionnaires/${q.id}/results`)
    expect(results.status, results.text).toBe(200)
    expect(results.body.responses).toBeGreaterThanOrEqual(20)
    expect(results.body.days.length).toBeGreaterThanOrEqual(6)
    const why = results.body.questions.find((x: { id: string }) => x.id === "why")
    expect(why.answered).toBeGreaterThan(0)
    expect(why.answered).toBeLessThan(results.body.responses)
    const terminals = await admin("/admin/feedback/terminals")
    expect(terminals.body.terminals.some((t: { settings: { questionnaire_ids: string[] } }) => t.settings.questionnaire_ids.includes(q.id))).toBe(true)
    const checks = await admin("/admin/feedback/checks")
    expect(checks.body.checks.length).toBeGreaterThanOrEqual(1)
    expect(new Set(checks.body.checks.map((c: { staff: { name: string } }) => c.staff.name)).size).toBeGreaterThanOrEqual(1)
    const tabletLocation = checks.body.checks[0].location_id
    const plan = await admin(`/admin/feedback/plan?location_id=${tabletLocation}&from=${new Date(Date.now() - 2 * 86_400_000).toISOString()}&to=${new Date(Date.now() + 86_400_000).toISOString()}`)
    expect(plan.status, plan.text).toBe(200)
    expect(plan.body.shifts.length).toBeGreaterThanOrEqual(2)
  })

  it("keeps the ledger consistent after the demo and its redemption", () => {
    expect(cli("ledger:verify")).toContain("every account adds up")
  })
})
