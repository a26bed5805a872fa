import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { adminMutation, contentDisposition, csvOf, parseBody } from "@customer-modules/core"
import type { DocumentService } from "@customer-modules/jobs"

import type { ParticipantListData } from "#documents/event-participants"
import type { EventView, Registration } from "#types"
import { localText } from "#types"
import { servicesOf } from "#utils/services"
import { ListRegistrations, RegisterByStaff } from "#validators"

/** A registration as the staff see it in the participant list. */
export function staffRegistration(r: Registration) {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    quantity: r.quantity,
    status: r.status,
    payment_status: r.payment_status,
    payment_method: r.payment_method,
    paid_at: r.paid_at,
    amount: r.amount,
    currency_code: r.currency_code,
    lines: r.lines,
    answers: r.answers,
    participants: r.participants,
    note: r.note,
    source: r.source,
    locale: r.locale,
    checked_in_at: r.checked_in_at,
    hold_expires_at: r.hold_expires_at,
    offer_expires_at: r.offer_expires_at,
    payment_due_at: r.payment_due_at,
    created_at: r.created_at,
    cancelled_at: r.cancelled_at,
  }
}

/** The participant list as the PDF document `event_participants` takes it (answers by their question's label). */
export function participantListData(
  event: EventView,
  list: Registration[],
  totals: ParticipantListData["totals"],
  locale: "de" | "en" | "pt" | undefined
): ParticipantListData {
  const lang = locale ?? "de"
  const yes = { de: "Ja", en: "Yes", pt: "Sim" }[lang]
  const no = { de: "Nein", en: "No", pt: "Não" }[lang]
  return {
    ...(locale ? { locale } : {}),
    event: {
      title: event.title,
      starts_at: event.starts_at.toISOString(),
      ends_at: event.ends_at.toISOString(),
      time_zone: event.time_zone,
      venue: event.venue.name,
      address: event.venue.address,
      capacity: event.capacity,
      status: event.status,
    },
    currency_code: event.currency_code,
    totals,
    registrations: list.map((r) => ({
      seq: r.seq,
      name: r.name,
      contact: [r.email, r.phone].filter(Boolean).join(" · ") || null,
      quantity: r.quantity,
      status: r.status,
      payment_status: r.payment_status,
      payment_method: r.payment_method,
      paid_at: r.paid_at ? r.paid_at.toISOString() : null,
      amount: r.amount,
      participants: r.participants.map((p) => p.name ?? "").filter(Boolean),
      answers: event.questions
        .filter((q) => r.answers[q.id] !== undefined)
        .map((q) => {
          const a = r.answers[q.id]
          const value = typeof a === "boolean" ? (a ? yes : no) : q.type === "choice" ? localText(q.choices?.find((c) => c.id === a)?.label, lang) || String(a) : String(a)
          return { label: localText(q.label, lang) || q.id, value }
        }),
      note: r.note,
      checked_in: Boolean(r.checked_in_at),
    })),
  }
}

/**
 * GET /admin/events/:id/registrations[?q=&format=csv|pdf&locale=] → `{ registrations, totals }` in order of
 * registration (name, e-mail or phone searched by `q`), or the same as CSV, or the printable list (PDF in the
 * merchant's design, in `locale` or the branding's language).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { q, format, locale } = parseBody(ListRegistrations, req.query)
  const { events, registrations } = servicesOf(req)
  const event = await events.retrieve(req.params.id)
  const list = await registrations.list(event.id, q)
  if (format === "csv") {
    const questions = event.questions.map((x) => x.id)
    const csv = csvOf(
      list.map((r) => [
        r.name,
        r.email ?? "",
        r.phone ?? "",
        r.quantity,
        r.status,
        r.payment_status,
        r.payment_method ?? "",
        (r.amount / 100).toFixed(2),
        r.currency_code.toUpperCase(),
        r.checked_in_at ? r.checked_in_at.toISOString() : "",
        r.created_at.toISOString(),
        r.participants.map((p) => p.name ?? "").filter(Boolean).join("; "),
        r.note ?? "",
        ...questions.map((k) => (r.answers[k] === undefined ? "" : String(r.answers[k]))),
      ]),
      ["name", "email", "phone", "quantity", "status", "payment_status", "payment_method", "amount", "currency", "checked_in_at", "registered_at", "participants", "note", ...questions]
    )
    res.setHeader("Content-Type", "text/csv; charset=utf-8")
    res.setHeader("Content-Disposition", contentDisposition("attachment", `participants-${event.local_start.slice(0, 10)}.csv`))
    res.send(`\ufeff${csv}`)
    return
  }
  if (format === "pdf") {
    const pdf = await req.scope
      .resolve<DocumentService>("documentService")
      .render("event_participants", participantListData(event, list, registrations.totals(list), locale) as unknown as Record<string, unknown>)
    res.setHeader("Content-Type", "application/pdf")
    res.setHeader("Content-Disposition", contentDisposition("attachment", `participants-${event.local_start.slice(0, 10)}.pdf`))
    res.send(pdf)
    return
  }
  res.json({ registrations: list.map(staffRegistration), totals: registrations.totals(list) })
}

/** POST /admin/events/:id/registrations (a registration taken on the phone; e-mail optional, `paid` with `method`) → 201 `{ registration }`. */
export const POST = adminMutation({
  body: RegisterByStaff,
  handler: async (req, manager, body) => {
    const r = await servicesOf(req, manager).registrations.register(req.params.id, body, "admin")
    return { status: 201, body: { registration: staffRegistration(r) } }
  },
})
