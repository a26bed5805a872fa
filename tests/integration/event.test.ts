/**
 * Events over HTTP: venues, templates and series across the clock change,
 * registrations that never give a place twice under concurrency, the waiting
 * list moving up in order, holds that expire, the signed cancel link and its
 * ask-page, the public list (JSON, HTML fragment with JSON-LD, ETag), the
 * iCalendar feed, payment status set by the staff, and bad input.
 */
import { randomUUID } from "crypto"

import { Client } from "pg"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi, adminToken, api } from "../support/api"
import { uniqueAddress, waitForMail } from "../support/mail"
import { pdfText } from "../support/pdf"
import { clientIp, createTerminal, posApi } from "../support/pos"
import type { PosScope } from "../support/pos"

type EventBody = { id: string; title: string; capacity: number; seats_left: number; taken: number; local_start: string; starts_at: string; sequence: number }
type Reg = { id: string; status: string; quantity: number; payment_status: string; cancel_url: string; cart_id: string | null }

let db: Client
let venueId: string

beforeAll(async () => {
  db = new Client({ connectionString: inject("databaseUrl") })
  await db.connect()
  const venue = await adminApi("/admin/events/venues", { body: { name: "Kochstudio", address: "Hauptstraße 1, Berlin", time_zone: "Europe/Berlin" } })
  expect(venue.status, venue.text).toBe(201)
  venueId = venue.body.venue.id
})

afterAll(async () => {
  await db.end()
})

const inDays = (d: number, h = 0) => new Date(Date.now() + d * 86_400_000 + h * 3_600_000).toISOString()

async function createEvent(body: Record<string, unknown> = {}): Promise<EventBody> {
  const res = await adminApi("/admin/events", {
    body: {
      title: `Kochkurs ${randomUUID().slice(0, 6)}`,
      description: "Pasta **selbst gemacht**",
      venue_id: venueId,
      starts_at: inDays(10),
      ends_at: inDays(10, 3),
      capacity: 10,
      price: 0,
      currency_code: "EUR",
      published: true,
      ...body,
    },
  })
  expect(res.status, res.text).toBe(201)
  return res.body.event
}

/** A public registration from a client address of its own (the per-IP limit stays out of the way). */
function register(eventId: string, body: Record<string, unknown> = {}) {
  return api<{ registration: Reg }>(`/store/events/${eventId}/registrations`, {
    body: { name: "Ana Gast", email: `guest-${randomUUID().slice(0, 8)}@example.com`, ...body },
    headers: { "x-forwarded-for": clientIp() },
  })
}

const tokenOf = (reg: Reg) => new URL(reg.cancel_url).searchParams.get("token") as string

describe("places are never given twice", () => {
  it("gives exactly 10 of 10 places to 30 concurrent registrations and answers the rest 409 sold_out", async () => {
    const event = await createEvent({ capacity: 10 })
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => register(event.id, { name: `Gast ${i}` })))
    const confirmed = answers.filter((a) => a.status === 201)
    const refused = answers.filter((a) => a.status === 409)
    expect(confirmed).toHaveLength(10)
    expect(confirmed.every((a) => a.body.registration.status === "confirmed" && a.body.registration.payment_status === "not_required")).toBe(true)
    expect(refused).toHaveLength(20)
    expect(refused.every((a) => (a.body as unknown as { type: string }).type === "sold_out")).toBe(true)
    const { rows } = await db.query(`SELECT COALESCE(SUM(quantity), 0)::int AS n FROM event_registration WHERE event_id = $1 AND status = 'confirmed'`, [event.id])
    expect(rows[0].n).toBe(10)
    const store = await api(`/store/events/${event.id}`)
    expect(store.body.event.seats_left).toBe(0)
  })

  it("with a waiting list, puts the rest on it in order of registration and never confirms more than the capacity", async () => {
    const event = await createEvent({ capacity: 10, waitlist: true })
    const answers = await Promise.all(Array.from({ length: 30 }, () => register(event.id)))
    expect(answers.every((a) => a.status === 201)).toBe(true)
    expect(answers.filter((a) => a.body.registration.status === "confirmed")).toHaveLength(10)
    expect(answers.filter((a) => a.body.registration.status === "waitlisted")).toHaveLength(20)
    // Everyone after the tenth confirmation waits: the order of the waiting list is the order the places were asked for.
    const { rows } = await db.query(`SELECT status FROM event_registration WHERE event_id = $1 ORDER BY seq`, [event.id])
    expect(rows.slice(0, 10).every((r) => r.status === "confirmed")).toBe(true)
    expect(rows.slice(10).every((r) => r.status === "waitlisted")).toBe(true)
  })

  it("refuses a group larger than the places left and takes a smaller one", async () => {
    const event = await createEvent({ capacity: 3, price: 2500 })
    const big = await register(event.id, { quantity: 4 })
    expect(big.status).toBe(409)
    expect(big.body).toMatchObject({ type: "sold_out" })
    const ok = await register(event.id, { quantity: 3 })
    expect(ok.status, ok.text).toBe(201)
    expect(ok.body.registration).toMatchObject({ status: "confirmed", quantity: 3, payment_status: "unpaid" })
  })
})

describe("waiting list", () => {
  it("offers a freed place to the first entry that fits, and an accepted offer confirms", async () => {
    const event = await createEvent({ capacity: 4, waitlist: true })
    const a = (await register(event.id, { quantity: 2 })).body.registration
    await register(event.id, { quantity: 2 })
    const c = (await register(event.id, { quantity: 3 })).body.registration
    const d = (await register(event.id, { quantity: 1 })).body.registration
    const e = (await register(event.id, { quantity: 1 })).body.registration
    expect([c.status, d.status, e.status]).toEqual(["waitlisted", "waitlisted", "waitlisted"])

    const cancelled = await api(`/store/events/registrations/${a.id}/cancel`, { body: { token: tokenOf(a) }, headers: { "x-forwarded-for": clientIp() } })
    expect(cancelled.status, cancelled.text).toBe(200)
    expect(cancelled.body.registration.status).toBe("cancelled")

    // Two places are free: the group of 3 does not fit, the next two single entries get the offer, in order.
    const list = (await adminApi(`/admin/events/${event.id}/registrations`)).body.registrations as { id: string; status: string }[]
    const status = (id: string) => list.find((r) => r.id === id)?.status
    expect([status(c.id), status(d.id), status(e.id)]).toEqual(["waitlisted", "offered", "offered"])
    expect((await api(`/store/events/${event.id}`)).body.event.seats_left).toBe(0)
    // An offer is not yet a registration one can check in.
    const checkIn = await adminApi(`/admin/events/${event.id}/registrations/${d.id}`, { body: { checked_in: true } })
    expect(checkIn.status).toBe(422)
  })

  it("gives an expired offer to the next entry and never exceeds the capacity", async () => {
    const event = await createEvent({ capacity: 1, waitlist: true })
    const first = (await register(event.id)).body.registration
    const second = (await register(event.id)).body.registration
    const third = (await register(event.id)).body.registration
    await api(`/store/events/registrations/${first.id}/cancel`, { body: { token: tokenOf(first) }, headers: { "x-forwarded-for": clientIp() } })
    await db.query(`UPDATE event_registration SET offer_expires_at = now() - interval '1 minute' WHERE id = $1`, [second.id])
    // The next registration settles the event under its lock: the expired offer goes to the third entry.
    const fourth = await register(event.id)
    expect(fourth.body.registration.status).toBe("waitlisted")
    const { rows } = await db.query(`SELECT id, status FROM event_registration WHERE event_id = $1 ORDER BY seq`, [event.id])
    expect(rows.map((r) => r.status)).toEqual(["cancelled", "expired", "offered", "waitlisted"])
    expect(rows[2].id).toBe(third.id)
  })
})

describe("holds", () => {
  it("holds places while paying online, and an expired hold frees them", async () => {
    const event = await createEvent({ capacity: 2, price: 1500, hold_minutes: 10 })
    const held = await register(event.id, { quantity: 2, pay_online: true })
    expect(held.status, held.text).toBe(201)
    expect(held.body.registration.status).toBe("held")
    expect((await register(event.id)).status).toBe(409)
    await db.query(`UPDATE event_registration SET hold_expires_at = now() - interval '1 second' WHERE id = $1`, [held.body.registration.id])
    expect((await api(`/store/events/${event.id}`)).body.event.seats_left).toBe(2)
    const next = await register(event.id, { quantity: 2 })
    expect(next.status, next.text).toBe(201)
    expect(next.body.registration.status).toBe("confirmed")
    const { rows } = await db.query(`SELECT status FROM event_registration WHERE id = $1`, [held.body.registration.id])
    expect(rows[0].status).toBe("expired")
  })
})

describe("cancel link", () => {
  it("answers a forged token 403 and changes nothing", async () => {
    const event = await createEvent()
    const reg = (await register(event.id)).body.registration
    const forged = await api(`/store/events/registrations/${reg.id}/cancel`, { body: { token: "forged-token-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }, headers: { "x-forwarded-for": clientIp() } })
    expect(forged.status).toBe(403)
    expect(forged.body).toMatchObject({ type: "invalid_token" })
    // A token of another registration does not fit this one either.
    const other = (await register(event.id)).body.registration
    const wrong = await api(`/store/events/registrations/${reg.id}/cancel`, { body: { token: tokenOf(other) }, headers: { "x-forwarded-for": clientIp() } })
    expect(wrong.status).toBe(403)
    const page = await api(`/embed/events/registrations/${reg.id}/cancel?token=nope`)
    expect(page.status).toBe(403)
    const { rows } = await db.query(`SELECT status FROM event_registration WHERE id = $1`, [reg.id])
    expect(rows[0].status).toBe("confirmed")
  })

  it("opens a page that asks before it acts; only its form's POST cancels", async () => {
    const event = await createEvent()
    const reg = (await register(event.id, { locale: "en" })).body.registration
    const url = new URL(reg.cancel_url)
    const ask = await api(`${url.pathname}${url.search}`)
    expect(ask.status).toBe(200)
    expect(ask.headers.get("content-type")).toMatch(/text\/html/)
    expect(ask.text).toContain("Do you really want to cancel")
    expect(ask.text).not.toMatch(/<script(?![^>]*src=)/)
    expect((await db.query(`SELECT status FROM event_registration WHERE id = $1`, [reg.id])).rows[0].status).toBe("confirmed")
    const form = new URLSearchParams({ token: tokenOf(reg), locale: "en" })
    const done = await api(url.pathname, { method: "POST", rawBody: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } })
    expect(done.status, done.text).toBe(200)
    expect(done.text).toContain("Your registration is cancelled")
    expect((await db.query(`SELECT status FROM event_registration WHERE id = $1`, [reg.id])).rows[0].status).toBe("cancelled")
  })
})

describe("series from a template", () => {
  it("creates the right local dates across the daylight-saving change, each its own event", async () => {
    const tpl = await adminApi("/admin/events/templates", {
      body: { title: "Pasta-Abend", duration_minutes: 180, capacity: 12, price: 4900, currency_code: "EUR", venue_id: venueId, waitlist: true },
    })
    expect(tpl.status, tpl.text).toBe(201)
    // Tuesdays and Thursdays around 28 March 2027 (Europe/Berlin: CET → CEST).
    const res = await adminApi(`/admin/events/templates/${tpl.body.template.id}/events`, {
      body: { time: "18:30", weekly: { weekdays: [2, 4], from: "2027-03-22", until: "2027-04-02" }, published: false },
    })
    expect(res.status, res.text).toBe(201)
    const events = res.body.events as (EventBody & { ends_at: string; time_zone: string })[]
    expect(events.map((e) => e.local_start)).toEqual(["2027-03-23T18:30", "2027-03-25T18:30", "2027-03-30T18:30", "2027-04-01T18:30"])
    expect(events.map((e) => e.starts_at)).toEqual([
      "2027-03-23T17:30:00.000Z",
      "2027-03-25T17:30:00.000Z",
      "2027-03-30T16:30:00.000Z",
      "2027-04-01T16:30:00.000Z",
    ])
    expect(events.every((e) => e.time_zone === "Europe/Berlin" && e.capacity === 12)).toBe(true)
    expect(new Set(events.map((e) => e.id)).size).toBe(4)
    // Saving one date again keeps its local time (no shift by the offset), and changing it leaves the others alone.
    const moved = await adminApi(`/admin/events/${events[2].id}`, { body: { capacity: 8 } })
    expect(moved.status, moved.text).toBe(200)
    expect(moved.body.event).toMatchObject({ local_start: "2027-03-30T18:30", starts_at: "2027-03-30T16:30:00.000Z", capacity: 8, sequence: 0 })
    const other = await adminApi(`/admin/events/${events[3].id}`)
    expect(other.body.event.capacity).toBe(12)
  })

  it("moves one date by its local wall time in the venue's zone, across the clock change, and refuses both forms at once", async () => {
    const event = await createEvent({ starts_at: "2027-03-25T18:00:00+01:00", ends_at: "2027-03-25T21:00:00+01:00" })
    const moved = await adminApi(`/admin/events/${event.id}`, { body: { local_start: "2027-04-01T18:00", local_end: "2027-04-01T21:00" } })
    expect(moved.status, moved.text).toBe(200)
    expect(moved.body.event).toMatchObject({ local_start: "2027-04-01T18:00", local_end: "2027-04-01T21:00", starts_at: "2027-04-01T16:00:00.000Z", ends_at: "2027-04-01T19:00:00.000Z", sequence: 1 })
    const same = await adminApi(`/admin/events/${event.id}`, { body: { local_start: "2027-04-01T18:00" } })
    expect(same.body.event.sequence).toBe(1)
    const both = await adminApi(`/admin/events/${event.id}`, { body: { local_start: "2027-04-02T18:00", starts_at: "2027-04-02T16:00:00Z" } })
    expect(both.status).toBe(400)
    expect((await adminApi(`/admin/events/${event.id}`, { body: { local_start: "2027-04-01 18:00" } })).status).toBe(400)
    expect((await adminApi(`/admin/events/${event.id}`)).body.event.starts_at).toBe("2027-04-01T16:00:00.000Z")
  })

  it("raises the calendar SEQUENCE only on a real change", async () => {
    const event = await createEvent()
    const same = await adminApi(`/admin/events/${event.id}`, { body: { description: "Neu beschrieben", starts_at: event.starts_at } })
    expect(same.body.event.sequence).toBe(0)
    const later = await adminApi(`/admin/events/${event.id}`, { body: { starts_at: inDays(11), ends_at: inDays(11, 2) } })
    expect(later.body.event.sequence).toBe(1)
  })
})

describe("publication", () => {
  it("lists only published events that have not ended, soonest first, with the fixed fields", async () => {
    const soon = await createEvent({ starts_at: inDays(1), ends_at: inDays(1, 2) })
    const draft = await createEvent({ published: false })
    const ended = await createEvent({ starts_at: inDays(-2), ends_at: inDays(-2, 2) })
    const res = await api("/store/events")
    expect(res.status).toBe(200)
    const ids = (res.body.events as { id: string }[]).map((e) => e.id)
    expect(ids).toContain(soon.id)
    expect(ids).not.toContain(draft.id)
    expect(ids).not.toContain(ended.id)
    const starts = (res.body.events as { starts_at: string }[]).map((e) => e.starts_at)
    expect([...starts].sort()).toEqual(starts)
    const listed = res.body.events.find((e: { id: string }) => e.id === soon.id)
    expect(Object.keys(listed)).toEqual(
      expect.arrayContaining(["id", "title", "description", "starts_at", "ends_at", "time_zone", "venue", "capacity", "seats_left", "price", "currency_code"])
    )
    expect(listed.venue).toEqual({ name: "Kochstudio", address: "Hauptstraße 1, Berlin" })
    expect(listed.time_zone).toBe("Europe/Berlin")
    expect((await api(`/store/events/${draft.id}`)).status).toBe(404)
  })

  it("answers the HTML fragment with semantic markup, JSON-LD, no script, an ETag and 304", async () => {
    const event = await createEvent({ title: "Weinprobe <b>& Käse</b>", description: "<script>alert(1)</script> **gut**" })
    const res = await api("/store/events?format=html&locale=en")
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toMatch(/^text\/html/)
    expect(res.headers.get("cache-control")).toMatch(/max-age=\d+/)
    expect(res.text).toContain(`id="cm-event-${event.id}"`)
    expect(res.text).toContain('class="cm-event__title">Weinprobe &lt;b&gt;&amp; Käse&lt;/b&gt;</h3>')
    expect(res.text).not.toContain("<script>alert")
    const scripts = res.text.match(/<script[^>]*>/g) ?? []
    expect(scripts).toEqual(['<script type="application/ld+json">'])
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(res.text)![1])
    expect(ld.find((x: { name: string }) => x.name === "Weinprobe <b>& Käse</b>")).toMatchObject({ "@type": "Event", location: { name: "Kochstudio" } })
    const etag = res.headers.get("etag")!
    expect(etag).toBeTruthy()
    const again = await api("/store/events?format=html&locale=en", { headers: { "if-none-match": etag } })
    expect(again.status).toBe(304)
  })

  it("serves an iCalendar feed with the times in UTC", async () => {
    const event = await createEvent({ starts_at: "2027-07-01T18:00:00+02:00", ends_at: "2027-07-01T21:00:00+02:00" })
    const res = await api("/store/events/ical")
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toMatch(/text\/calendar/)
    const block = res.text.split("BEGIN:VEVENT").find((b) => b.includes(`UID:${event.id}@`))!
    expect(block).toContain("DTSTART:20270701T160000Z")
    expect(block).toContain("DTEND:20270701T190000Z")
  })
})

describe("payment status and participant list", () => {
  it("lets the staff mark a registration paid and lists it with its payment and the totals", async () => {
    const event = await createEvent({ price: 3000, questions: [{ id: "diet", type: "choice", label: { de: "Ernährung", en: "Diet" }, required: true, choices: [{ id: "veg", label: "Vegetarisch" }, { id: "all", label: "Alles" }] }] })
    const missing = await register(event.id)
    expect(missing.status).toBe(400)
    const reg = (await register(event.id, { quantity: 2, answers: { diet: "veg" } })).body.registration
    const noKey = await adminApi(`/admin/events/${event.id}/registrations/${reg.id}/payment`, { body: { status: "paid", method: "cash" } })
    expect(noKey.status).toBe(400)
    const paid = await adminApi(`/admin/events/${event.id}/registrations/${reg.id}/payment`, {
      body: { status: "paid", method: "cash" },
      headers: { "idempotency-key": randomUUID() },
    })
    expect(paid.status, paid.text).toBe(200)
    expect(paid.body.registration).toMatchObject({ payment_status: "paid", payment_method: "cash" })
    await adminApi(`/admin/events/${event.id}/registrations`, { body: { name: "Telefon Kunde", quantity: 1, answers: { diet: "all" } } })
    const list = await adminApi(`/admin/events/${event.id}/registrations`)
    expect(list.body.registrations).toEqual([
      expect.objectContaining({ id: reg.id, name: "Ana Gast", quantity: 2, status: "confirmed", payment_status: "paid", answers: { diet: "veg" } }),
      expect.objectContaining({ name: "Telefon Kunde", email: null, payment_status: "unpaid" }),
    ])
    expect(list.body.totals).toMatchObject({ confirmed: 3, paid_amount: 6000, open_amount: 3000 })
    const csv = await adminApi(`/admin/events/${event.id}/registrations?format=csv`)
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/)
    expect(csv.text).toContain("Telefon Kunde")
  })
})

describe("printable participant list", () => {
  it("prints each registration with participants, status, payment, answers and note, and the totals, as a PDF in the chosen language", async () => {
    const event = await createEvent({
      title: `Weinprobe ${randomUUID().slice(0, 6)}`,
      price: 2500,
      questions: [
        { id: "diet", type: "choice", label: { de: "Ernährung", en: "Diet" }, required: false, choices: [{ id: "veg", label: { de: "Vegetarisch", en: "Vegetarian" } }, { id: "all", label: "Alles" }] },
        { id: "car", type: "yes_no", label: { de: "Mit dem Auto?", en: "By car?" } },
      ],
    })
    const first = (await register(event.id, { name: "Paula Pdf", quantity: 2, participants: [{ name: "Paula Pdf" }, { name: "Quentin Begleitung" }], answers: { diet: "veg", car: true } })).body.registration
    await adminApi(`/admin/events/${event.id}/registrations/${first.id}/payment`, { body: { status: "paid", method: "cash" }, headers: { "idempotency-key": randomUUID() } })
    const phone = await adminApi(`/admin/events/${event.id}/registrations`, { body: { name: "Rita Telefon", quantity: 1, note: "Rollstuhlplatz" } })
    expect(phone.status, phone.text).toBe(201)
    const res = await fetch(`${inject("baseUrl")}/admin/events/${event.id}/registrations?format=pdf&locale=en`, { headers: { authorization: `Bearer ${await adminToken()}` } })
    expect(res.status, await res.clone().text()).toBe(200)
    expect(res.headers.get("content-type")).toContain("application/pdf")
    expect(res.headers.get("content-disposition")).toMatch(/participants-\d{4}-\d{2}-\d{2}\.pdf/)
    const text = (await pdfText(Buffer.from(await res.arrayBuffer()))).replace(/\s+/g, " ")
    expect(text).toContain(`Participant list: ${event.title}`)
    expect(text).toContain("Kochstudio")
    expect(text).toContain("Paula Pdf")
    expect(text).toContain("Quentin Begleitung")
    expect(text).toContain("Diet: Vegetarian")
    expect(text).toContain("By car?: Yes")
    expect(text).toContain("Rita Telefon")
    expect(text).toContain("Note: Rollstuhlplatz")
    expect(text).toContain("Confirmed: 3")
    expect(text).toMatch(/Paid: \D{0,3}50[.,]00/)
    expect(text).toMatch(/Open: \D{0,3}25[.,]00/)
    expect(text).toContain("paid (cash)")
    const german = await fetch(`${inject("baseUrl")}/admin/events/${event.id}/registrations?format=pdf&locale=de`, { headers: { authorization: `Bearer ${await adminToken()}` } })
    const de = (await pdfText(Buffer.from(await german.arrayBuffer()))).replace(/\s+/g, " ")
    expect(de).toContain(`Teilnehmerliste: ${event.title}`)
    expect(de).toContain("Ernährung: Vegetarisch")
    expect(de).toContain("Bestätigt: 3")
    expect((await adminApi(`/admin/events/${event.id}/registrations?format=pdf&locale=fr`)).status).toBe(400)
  })
})

describe("check-in at the door", () => {
  it("checks a participant in once, by a click in the admin or a scan at a till, and counts them", async () => {
    const event = await createEvent({ capacity: 5 })
    const { key } = await createTerminal({ scopes: ["event" as PosScope] })
    const a = (await register(event.id, { quantity: 2 })).body.registration
    const b = (await register(event.id, { quantity: 1 })).body.registration
    const click = () => adminApi(`/admin/events/${event.id}/registrations/${a.id}`, { body: { checked_in: true } })
    const firstClick = await click()
    expect(firstClick.status, firstClick.text).toBe(200)
    const at = firstClick.body.registration.checked_in_at
    expect(at).toBeTruthy()
    const secondClick = await click()
    expect(secondClick.body.registration.checked_in_at).toBe(at)
    const scanA = await posApi(`/store/pos/events/registrations/${a.id}/check-in`, { key, body: {} })
    expect(scanA.status, scanA.text).toBe(409)
    expect(scanA.body.type).toBe("already_checked_in")
    const scans = await Promise.all([0, 1, 2].map(() => posApi(`/store/pos/events/registrations/${b.id}/check-in`, { key, body: {}, idempotencyKey: randomUUID() })))
    expect(scans.map((s) => s.status).sort()).toEqual([200, 409, 409])
    const list = await adminApi(`/admin/events/${event.id}/registrations`)
    expect(list.body.totals).toMatchObject({ confirmed: 3, checked_in: 3 })
    const rows = await db.query(`SELECT id, checked_in_at FROM event_registration WHERE event_id = $1`, [event.id])
    expect(rows.rows.every((r) => r.checked_in_at)).toBe(true)
    expect(new Date(rows.rows.find((r) => r.id === a.id).checked_in_at).toISOString()).toBe(new Date(at).toISOString())
    const unknown = await posApi(`/store/pos/events/registrations/evreg_unknown/check-in`, { key, body: {} })
    expect(unknown.status).toBe(404)
  })
})

describe("venues and templates", () => {
  it("previews the local dates of a series, and refuses to delete a venue or template in use", async () => {
    const venue = (await adminApi("/admin/events/venues", { body: { name: `Saal ${randomUUID().slice(0, 6)}`, time_zone: "Europe/Lisbon" } })).body.venue
    const template = (await adminApi("/admin/events/templates", { body: { title: "Fado-Abend", venue_id: venue.id, duration_minutes: 120, capacity: 30, price: 0, currency_code: "EUR" } })).body.template
    const body = { time: "20:00", weekly: { weekdays: [6], from: "2027-03-20", until: "2027-04-03" } }
    const preview = await adminApi(`/admin/events/templates/${template.id}/events/preview`, { body })
    expect(preview.status, preview.text).toBe(200)
    expect(preview.body.dates.map((d: { local_start: string }) => d.local_start)).toEqual(["2027-03-20T20:00", "2027-03-27T20:00", "2027-04-03T20:00"])
    expect(preview.body.dates.map((d: { starts_at: string }) => d.starts_at)).toEqual(["2027-03-20T20:00:00.000Z", "2027-03-27T20:00:00.000Z", "2027-04-03T19:00:00.000Z"])
    expect((await db.query(`SELECT count(*)::int AS n FROM event WHERE template_id = $1`, [template.id])).rows[0].n).toBe(0)
    expect((await adminApi(`/admin/events/templates/${template.id}/events/preview`, { body: { time: "25:00", dates: ["2027-01-01"] } })).status).toBe(400)
    expect((await adminApi(`/admin/events/venues/${venue.id}`, { method: "DELETE" })).body.type).toBe("venue_in_use")
    const spare = (await adminApi("/admin/events/templates", { body: { title: "Unbenutzt", duration_minutes: 60, capacity: 5, price: 0, currency_code: "EUR" } })).body.template
    const created = await adminApi(`/admin/events/templates/${template.id}/events`, { body: { ...body, published: false } })
    expect(created.status, created.text).toBe(201)
    const inUse = await adminApi(`/admin/events/templates/${template.id}`, { method: "DELETE" })
    expect(inUse.status).toBe(409)
    expect(inUse.body.type).toBe("template_in_use")
    const gone = await adminApi(`/admin/events/templates/${spare.id}`, { method: "DELETE" })
    expect(gone.status, gone.text).toBe(200)
    expect((await adminApi(`/admin/events/templates/${spare.id}`)).status).toBe(404)
    const lone = (await adminApi("/admin/events/venues", { body: { name: "Leer", time_zone: "Europe/Berlin" } })).body.venue
    expect((await adminApi(`/admin/events/venues/${lone.id}`, { method: "DELETE" })).status).toBe(200)
    expect((await adminApi(`/admin/events/venues/${lone.id}`)).status).toBe(404)
  })
})

describe("bad input", () => {
  it("answers 400 and writes nothing", async () => {
    const before = (await db.query(`SELECT count(*)::int AS n FROM event`)).rows[0].n
    const bad = await adminApi("/admin/events", { body: { title: "X", venue_id: venueId, starts_at: "tomorrow", ends_at: inDays(1), capacity: 0, price: -1, currency_code: "EUR", published: true } })
    expect(bad.status).toBe(400)
    expect(bad.body.type).toBe("invalid_request")
    const backwards = await adminApi("/admin/events", { body: { title: "X", venue_id: venueId, starts_at: inDays(2), ends_at: inDays(1), capacity: 5, price: 0, currency_code: "EUR", published: true } })
    expect(backwards.status).toBe(400)
    expect((await db.query(`SELECT count(*)::int AS n FROM event`)).rows[0].n).toBe(before)
    const event = await createEvent()
    const reg = await register(event.id, { quantity: 0, unknown: 1 })
    expect(reg.status).toBe(400)
    expect((await db.query(`SELECT count(*)::int AS n FROM event_registration WHERE event_id = $1`, [event.id])).rows[0].n).toBe(0)
    expect((await register("evt_unknown")).status).toBe(404)
  })
})

describe("mails", () => {
  it("sends the confirmation with an .ics (stable UID, times in UTC) to a real SMTP server", async () => {
    const event = await createEvent({ title: "Brotbackkurs", starts_at: "2027-09-10T17:00:00+02:00", ends_at: "2027-09-10T20:00:00+02:00", price: 2000 })
    const email = uniqueAddress("event-confirm")
    const reg = await register(event.id, { email, name: "Ana Gast", locale: "en", quantity: 2 })
    expect(reg.status, reg.text).toBe(201)
    const mail = await waitForMail((m) => m.envelopeTo.includes(email))
    expect(mail.subject).toBe("Registration confirmed: Brotbackkurs")
    expect(mail.text).toContain("Kochstudio")
    expect(mail.text).toContain("/embed/events/registrations/")
    // The code the till scans at the door.
    expect(mail.text).toContain(reg.body.registration.id)
    expect(mail.text).toContain("Check-in code")
    const ics = mail.attachments.find((a) => a.filename === "event.ics")!
    expect(ics.contentType).toBe("text/calendar")
    const body = ics.content.toString("utf-8")
    expect(body).toContain(`UID:${event.id}@customer-modules`)
    expect(body).toContain("DTSTART:20270910T150000Z")
    expect(body).toContain("DTEND:20270910T180000Z")
    expect(body).toContain("SEQUENCE:0")
  })

  it("offers a freed place by mail, and its signed link confirms", async () => {
    const event = await createEvent({ capacity: 1, waitlist: true })
    const first = (await register(event.id)).body.registration
    const email = uniqueAddress("event-offer")
    const waiting = (await register(event.id, { email, locale: "de" })).body.registration
    expect(waiting.status).toBe("waitlisted")
    await waitForMail((m) => m.envelopeTo.includes(email) && m.subject.startsWith("Warteliste"))
    await api(`/store/events/registrations/${first.id}/cancel`, { body: { token: tokenOf(first) }, headers: { "x-forwarded-for": clientIp() } })
    const offer = await waitForMail((m) => m.envelopeTo.includes(email) && m.subject.startsWith("Ein Platz ist frei"))
    const link = /https?:\/\/\S+\/accept\?token=[^\s&]+/.exec(offer.text)![0]
    const token = new URL(link).searchParams.get("token")!
    const forged = await api(`/store/events/registrations/${waiting.id}/accept`, { body: { token: tokenOf(first) }, headers: { "x-forwarded-for": clientIp() } })
    expect(forged.status).toBe(403)
    const accepted = await api(`/store/events/registrations/${waiting.id}/accept`, { body: { token }, headers: { "x-forwarded-for": clientIp() } })
    expect(accepted.status, accepted.text).toBe(200)
    expect(accepted.body.registration.status).toBe("confirmed")
    await waitForMail((m) => m.envelopeTo.includes(email) && m.subject.startsWith("Anmeldung bestätigt"))
  })
})

/** Pays a cart through Medusa's checkout with the manual provider and captures the order; returns the order id. */
/** Chooses the manual provider and completes the cart (Medusa's checkout, through the ledger's completion strategy). */
async function completeCart(cartId: string) {
  const sessions = await api(`/store/carts/${cartId}/payment-sessions`, { method: "POST" })
  expect(sessions.status, sessions.text).toBe(200)
  const selected = await api(`/store/carts/${cartId}/payment-session`, { body: { provider_id: "manual" } })
  expect(selected.status, selected.text).toBe(200)
  return api(`/store/carts/${cartId}/complete`, { method: "POST" })
}

async function payCart(cartId: string): Promise<string> {
  const completed = await completeCart(cartId)
  expect(completed.status, completed.text).toBe(200)
  expect(completed.body.type).toBe("order")
  const captured = await adminApi(`/admin/orders/${completed.body.data.id}/capture`, { method: "POST" })
  expect(captured.status, captured.text).toBe(200)
  return completed.body.data.id
}

async function registrationRow(id: string) {
  return (await db.query(`SELECT status, payment_status, payment_method, order_id FROM event_registration WHERE id = $1`, [id])).rows[0]
}

describe("online payment", () => {
  it("holds the places while the guest pays through a Medusa cart; the capture marks it paid and confirmed, once", async () => {
    const event = await createEvent({ capacity: 2, price: 1500 })
    const held = await register(event.id, { quantity: 2, pay_online: true })
    expect(held.status, held.text).toBe(201)
    expect(held.body.registration).toMatchObject({ status: "held", payment_status: "unpaid" })
    const cartId = held.body.registration.cart_id!
    const cart = await api(`/store/carts/${cartId}`)
    expect(cart.body.cart.total).toBe(3000)
    const orderId = await payCart(cartId)
    await expect.poll(() => registrationRow(held.body.registration.id), { timeout: 20_000, interval: 200 }).toMatchObject({
      status: "confirmed",
      payment_status: "paid",
      payment_method: "online",
      order_id: orderId,
    })
  })

  it("a cart completed after its hold expired and the places went elsewhere is refused before any payment, never overbooked", async () => {
    const event = await createEvent({ capacity: 2, price: 1500 })
    const held = (await register(event.id, { quantity: 2, pay_online: true })).body.registration
    await db.query(`UPDATE event_registration SET hold_expires_at = now() - interval '1 second' WHERE id = $1`, [held.id])
    const other = await register(event.id, { quantity: 2 })
    expect(other.body.registration.status).toBe("confirmed")
    const refused = await completeCart(held.cart_id!)
    expect(refused.status, refused.text).toBe(409)
    expect(refused.body.type).toBe("sold_out")
    const cart = (await db.query(`SELECT completed_at FROM cart WHERE id = $1`, [held.cart_id])).rows[0]
    expect(cart.completed_at).toBeNull()
    expect((await db.query(`SELECT count(*)::int AS n FROM "order" WHERE cart_id = $1`, [held.cart_id])).rows[0].n).toBe(0)
    const payments = await db.query(`SELECT status FROM payment_session WHERE cart_id = $1`, [held.cart_id])
    expect(payments.rows.map((p) => p.status)).not.toContain("authorized")
    expect(await registrationRow(held.id)).toMatchObject({ status: "expired", payment_status: "unpaid", order_id: null })
    expect(await confirmedPlaces(event.id)).toBe(2)
  })

  it("a cart completed after its hold expired takes its places again while they are free, and the capture marks it paid", async () => {
    const event = await createEvent({ capacity: 2, price: 1500 })
    const held = (await register(event.id, { quantity: 2, pay_online: true })).body.registration
    await db.query(`UPDATE event_registration SET hold_expires_at = now() - interval '1 second' WHERE id = $1`, [held.id])
    const orderId = await payCart(held.cart_id!)
    await expect.poll(() => registrationRow(held.id), { timeout: 20_000, interval: 200 }).toMatchObject({ status: "confirmed", payment_status: "paid", order_id: orderId })
    expect(await confirmedPlaces(event.id)).toBe(2)
  })

  it("of two carts completed at once for the last places after their holds expired, exactly one gets the order and the other 409 sold_out", async () => {
    const event = await createEvent({ capacity: 2, price: 1500 })
    const first = (await register(event.id, { quantity: 2, pay_online: true })).body.registration
    await db.query(`UPDATE event_registration SET hold_expires_at = now() - interval '1 second' WHERE id = $1`, [first.id])
    const second = (await register(event.id, { quantity: 2, pay_online: true })).body.registration
    expect(second.status).toBe("held")
    await db.query(`UPDATE event_registration SET hold_expires_at = now() - interval '1 second' WHERE id = $1`, [second.id])
    for (const cartId of [first.cart_id!, second.cart_id!]) {
      expect((await api(`/store/carts/${cartId}/payment-sessions`, { method: "POST" })).status).toBe(200)
      expect((await api(`/store/carts/${cartId}/payment-session`, { body: { provider_id: "manual" } })).status).toBe(200)
    }
    const answers = await Promise.all([first.cart_id!, second.cart_id!].map((cartId) => api(`/store/carts/${cartId}/complete`, { method: "POST" })))
    const statuses = answers.map((a) => a.status).sort()
    expect(statuses, answers.map((a) => a.text).join("\n")).toEqual([200, 409])
    expect(answers.find((a) => a.status === 409)!.body.type).toBe("sold_out")
    const orders = await db.query(`SELECT count(*)::int AS n FROM "order" WHERE cart_id = ANY($1)`, [[first.cart_id, second.cart_id]])
    expect(orders.rows[0].n).toBe(1)
    const { rows } = await db.query(
      `SELECT COALESCE(SUM(quantity), 0)::int AS n FROM event_registration WHERE event_id = $1 AND status IN ('confirmed', 'held')`,
      [event.id]
    )
    expect(rows[0].n).toBe(2)
    expect(await confirmedPlaces(event.id)).toBe(2)
  })

  it("an order cancelled in Medusa cancels its registration and offers the places to the waiting list", async () => {
    const event = await createEvent({ capacity: 2, price: 1500, waitlist: true })
    const held = (await register(event.id, { quantity: 2, pay_online: true })).body.registration
    const waiting = (await register(event.id, { quantity: 2 })).body.registration
    expect(waiting.status).toBe("waitlisted")
    const completed = await completeCart(held.cart_id!)
    expect(completed.status, completed.text).toBe(200)
    const cancelled = await adminApi(`/admin/orders/${completed.body.data.id}/cancel`, { method: "POST" })
    expect(cancelled.status, cancelled.text).toBe(200)
    await expect.poll(() => registrationRow(held.id), { timeout: 20_000, interval: 200 }).toMatchObject({ status: "cancelled" })
    await expect.poll(() => registrationRow(waiting.id), { timeout: 20_000, interval: 200 }).toMatchObject({ status: "offered" })
    const { rows } = await db.query(
      `SELECT COALESCE(SUM(quantity), 0)::int AS n FROM event_registration WHERE event_id = $1 AND status IN ('confirmed', 'held', 'offered')`,
      [event.id]
    )
    expect(rows[0].n).toBe(2)
  })

  it("a payment captured for places that are gone (cancelled by the staff after the order) is refunded, never overbooked", async () => {
    const event = await createEvent({ capacity: 2, price: 1500 })
    const held = (await register(event.id, { quantity: 2, pay_online: true })).body.registration
    const completed = await completeCart(held.cart_id!)
    expect(completed.status, completed.text).toBe(200)
    const orderId = completed.body.data.id
    expect(await registrationRow(held.id)).toMatchObject({ status: "confirmed", payment_status: "unpaid", order_id: orderId })
    const cancelled = await adminApi(`/admin/events/${event.id}/registrations/${held.id}/cancel`, { method: "POST", body: {} })
    expect(cancelled.status, cancelled.text).toBe(200)
    const other = await register(event.id, { quantity: 2 })
    expect(other.body.registration.status).toBe("confirmed")
    const captured = await adminApi(`/admin/orders/${orderId}/capture`, { method: "POST" })
    expect(captured.status, captured.text).toBe(200)
    await expect.poll(() => registrationRow(held.id), { timeout: 20_000, interval: 200 }).toMatchObject({ status: "cancelled", payment_status: "refunded" })
    const order = await adminApi(`/admin/orders/${orderId}`)
    expect(order.body.order.refunded_total).toBe(3000)
    expect(await confirmedPlaces(event.id)).toBe(2)
  })
})

async function confirmedPlaces(eventId: string): Promise<number> {
  const { rows } = await db.query(`SELECT COALESCE(SUM(quantity), 0)::int AS n FROM event_registration WHERE event_id = $1 AND status = 'confirmed'`, [eventId])
  return rows[0].n
}

describe("at the till", () => {
  it("registers and checks in with a terminal key of scope event, and refuses other scopes", async () => {
    const event = await createEvent({ capacity: 5, price: 1000 })
    const { key } = await createTerminal({ scopes: ["event" as PosScope] })
    const { key: wrong } = await createTerminal({ scopes: ["loyalty"] })
    const list = await posApi("/store/pos/events", { key })
    expect(list.status, list.text).toBe(200)
    expect(list.body.events.map((e: { id: string }) => e.id)).toContain(event.id)
    expect((await posApi("/store/pos/events", { key: wrong })).status).toBe(403)
    const idem = randomUUID()
    const first = await posApi(`/store/pos/events/${event.id}/registrations`, { key, body: { name: "Kasse Gast", quantity: 2, paid: true, method: "cash" }, idempotencyKey: idem })
    expect(first.status, first.text).toBe(201)
    expect(first.body.registration).toMatchObject({ status: "confirmed", payment_status: "paid", payment_method: "cash", source: "pos" })
    const again = await posApi(`/store/pos/events/${event.id}/registrations`, { key, body: { name: "Kasse Gast", quantity: 2, paid: true, method: "cash" }, idempotencyKey: idem })
    expect(again.body.registration.id).toBe(first.body.registration.id)
    expect((await db.query(`SELECT count(*)::int AS n FROM event_registration WHERE event_id = $1`, [event.id])).rows[0].n).toBe(1)
    const checkIn = await posApi(`/store/pos/events/registrations/${first.body.registration.id}/check-in`, { key, method: "POST", body: {} })
    expect(checkIn.status, checkIn.text).toBe(200)
    expect(checkIn.body.registration.checked_in_at).toBeTruthy()
  })
})

describe("minimum participants", () => {
  it("calls off an event below its minimum at its cancel-by date and tells the participants; one that reached it stays", async () => {
    const cancelBy = new Date(Date.now() + 3_600_000).toISOString()
    const low = await createEvent({ min_participants: 3, cancel_by: cancelBy })
    const full = await createEvent({ min_participants: 1, cancel_by: cancelBy })
    const email = uniqueAddress("event-minimum")
    await register(low.id, { email, locale: "pt" })
    await register(full.id)
    const run = await adminApi("/admin/jobs/schedules/event.minimum-participants/run", { body: { now: new Date(Date.now() + 2 * 3_600_000).toISOString() } })
    expect(run.status, run.text).toBe(200)
    expect((await adminApi(`/admin/events/${low.id}`)).body.event.status).toBe("cancelled")
    expect((await adminApi(`/admin/events/${full.id}`)).body.event.status).toBe("scheduled")
    const mail = await waitForMail((m) => m.envelopeTo.includes(email) && m.subject.startsWith("Cancelado"))
    const ics = mail.attachments.find((a) => a.filename === "event.ics")!.content.toString("utf-8")
    expect(ics).toContain("METHOD:CANCEL")
    expect(ics).toContain("STATUS:CANCELLED")
  })
})

describe("reminders", () => {
  it("reminds confirmed participants once, in their language, within the days before the start", async () => {
    const event = await createEvent({ title: "Käseseminar", starts_at: inDays(20), ends_at: inDays(20, 2) })
    const email = uniqueAddress("event-reminder")
    await register(event.id, { email, locale: "en" })
    const at = new Date(Date.now() + 19 * 86_400_000).toISOString()
    for (let i = 0; i < 2; i++) {
      const run = await adminApi("/admin/jobs/schedules/event.reminders/run", { body: { now: at } })
      expect(run.status, run.text).toBe(200)
    }
    await waitForMail((m) => m.envelopeTo.includes(email) && m.subject === "Coming soon: Käseseminar")
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM job_mail WHERE key LIKE $1`, [`event-reg:%:event_reminder:%`])
    expect(rows[0].n).toBeGreaterThanOrEqual(1)
    const mine = await db.query(`SELECT count(*)::int AS n FROM job_mail WHERE "to" = $1 AND kind = 'event_reminder'`, [email])
    expect(mine.rows[0].n).toBe(1)
  })
})
