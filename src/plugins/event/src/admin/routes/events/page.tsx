import type { RouteConfig } from "@medusajs/admin"
import { CalendarMini } from "@medusajs/icons"
import { Badge, Button, Checkbox, Container, Heading, Input, Label, Text } from "@medusajs/ui"
import { useAdminCustomQuery, useMedusa } from "medusa-react"
import { FormEvent, useState } from "react"

import { ConfirmButton, EmptyState, errorText, localizeLink, newIdempotencyKey, PagedTable, useAdminLocale, useAdminPost, useFormatMoney, useT } from "@customer-modules/admin-kit"

import { messages } from "./messages"
import { SeriesForm, Template, TemplatesSection } from "./templates-section"
import { Venue, VenuesSection } from "./venues-section"

type EventItem = {
  id: string
  title: string
  starts_at: string
  time_zone: string
  local_start: string
  local_end: string
  waitlist: boolean
  capacity: number
  taken: number
  seats_left: number
  waitlisted: number
  price: number
  currency_code: string
  published: boolean
  status: string
  venue: { name: string }
}
type Registration = {
  id: string
  name: string
  email: string | null
  phone: string | null
  quantity: number
  status: string
  payment_status: string
  payment_method: string | null
  amount: number
  currency_code: string
  answers: Record<string, string | boolean>
  note: string | null
  checked_in_at: string | null
}
type Totals = { confirmed: number; waitlisted: number; checked_in: number; paid_amount: number; open_amount: number }

/** One date changed alone: title, local times in the venue's zone, capacity, publication, waiting list; or cancelled. */
const EventEditor = ({ event, onChanged }: { event: EventItem; onChanged: (e: EventItem) => void }) => {
  const t = useT(messages)
  const [d, setD] = useState({ title: event.title, local_start: event.local_start, local_end: event.local_end, capacity: String(event.capacity), published: event.published, waitlist: event.waitlist })
  const save = useAdminPost<Record<string, unknown>, { event: EventItem }>(`/events/${event.id}`)
  const cancel = useAdminPost<Record<string, never>, { event: EventItem }>(`/events/${event.id}/cancel`)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const body: Record<string, unknown> = { title: d.title, capacity: Number(d.capacity), published: d.published, waitlist: d.waitlist }
    if (d.local_start !== event.local_start) body.local_start = d.local_start
    if (d.local_end !== event.local_end) body.local_end = d.local_end
    void save.mutate(body, { onSuccess: (a) => onChanged(a.event) })
  }
  const off = event.status === "cancelled"
  return (
    <Container className="mb-4" data-testid="event-editor">
      <Heading level="h2">{t("eventSettings", { title: event.title })}</Heading>
      <form onSubmit={submit} className="grid grid-cols-2 gap-3 mt-2">
        <div><Label htmlFor="ev-edit-title">{t("templateTitle")}</Label><Input id="ev-edit-title" value={d.title} disabled={off} onChange={(e) => setD({ ...d, title: e.target.value })} required maxLength={200} /></div>
        <div><Label htmlFor="ev-edit-capacity">{t("capacity")}</Label><Input id="ev-edit-capacity" type="number" min={1} value={d.capacity} disabled={off} onChange={(e) => setD({ ...d, capacity: e.target.value })} required /></div>
        <div><Label htmlFor="ev-edit-start">{t("startLocal", { zone: event.time_zone })}</Label><Input id="ev-edit-start" type="datetime-local" value={d.local_start} disabled={off} onChange={(e) => setD({ ...d, local_start: e.target.value })} required /></div>
        <div><Label htmlFor="ev-edit-end">{t("endLocal", { zone: event.time_zone })}</Label><Input id="ev-edit-end" type="datetime-local" value={d.local_end} disabled={off} onChange={(e) => setD({ ...d, local_end: e.target.value })} required /></div>
        <div className="flex items-center gap-2"><Checkbox id="ev-edit-published" checked={d.published} disabled={off} onCheckedChange={(v) => setD({ ...d, published: v === true })} /><Label htmlFor="ev-edit-published">{t("publishedLabel")}</Label></div>
        <div className="flex items-center gap-2"><Checkbox id="ev-edit-waitlist" checked={d.waitlist} disabled={off} onCheckedChange={(v) => setD({ ...d, waitlist: v === true })} /><Label htmlFor="ev-edit-waitlist">{t("waitlist")}</Label></div>
        <div className="col-span-2 flex gap-2">
          <Button type="submit" disabled={off} isLoading={save.isLoading}>{t("save")}</Button>
          {!off && (
            <ConfirmButton title={t("cancelEventTitle", { title: event.title })} description={t("cancelEventText")} confirmLabel={t("cancelEvent")} onConfirm={() => cancel.mutate({}, { onSuccess: (a) => onChanged(a.event) })}>
              {t("cancelEvent")}
            </ConfirmButton>
          )}
          {off && <Badge>{t("cancelled")}</Badge>}
        </div>
        {save.isSuccess && <Text className="col-span-2 text-ui-fg-subtle">{t("saved")}</Text>}
        {(save.isError || cancel.isError) && <Text className="col-span-2 text-ui-fg-error">{errorText(save.error ?? cancel.error)}</Text>}
      </form>
    </Container>
  )
}

/** A registration's note, changed in place. */
const NoteCell = ({ note, onSave }: { note: string | null; onSave: (note: string | null) => unknown }) => {
  const t = useT(messages)
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState(note ?? "")
  if (!editing) {
    return (
      <div className="flex gap-1 items-center">
        <span>{note ?? ""}</span>
        <Button size="small" variant="transparent" onClick={() => setEditing(true)}>{t("editNote")}</Button>
      </div>
    )
  }
  return (
    <form
      className="flex gap-1"
      onSubmit={(e) => {
        e.preventDefault()
        setEditing(false)
        void onSave(text.trim() || null)
      }}
    >
      <Input size="small" aria-label={t("note")} value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} />
      <Button size="small" type="submit">{t("save")}</Button>
    </form>
  )
}

/** The participant list of one event: search, payment, check-in, phone registration, CSV and the printable list. */
const Participants = ({ event }: { event: EventItem }) => {
  const t = useT(messages)
  const locale = useAdminLocale()
  const money = useFormatMoney()
  const { client } = useMedusa()
  const [q, setQ] = useState("")
  const list = useAdminCustomQuery<{ q?: string }, { registrations: Registration[]; totals: Totals }>(
    `/events/${event.id}/registrations`,
    ["event-registrations", event.id, q],
    q ? { q } : {}
  )
  const [failure, setFailure] = useState<string | null>(null)
  const phone = useAdminPost<{ name: string; email?: string; quantity: number }, unknown>(`/events/${event.id}/registrations`)
  const [draft, setDraft] = useState({ name: "", email: "", quantity: "1" })
  const m = (n: number) => money(n, event.currency_code)
  const post = async (path: string, body: Record<string, unknown>) => {
    setFailure(null)
    try {
      await client.admin.custom.post(path, body, {}, { "Idempotency-Key": newIdempotencyKey() })
    } catch (e) {
      setFailure(errorText(e))
    }
    void list.refetch()
  }
  const submitPhone = (e: FormEvent) => {
    e.preventDefault()
    void phone.mutate(
      { name: draft.name, quantity: Number(draft.quantity) || 1, ...(draft.email ? { email: draft.email } : {}) },
      {
        onSuccess: () => {
          setDraft({ name: "", email: "", quantity: "1" })
          void list.refetch()
        },
      }
    )
  }
  const totals = list.data?.totals
  return (
    <Container className="mb-4" data-testid="event-participants">
      <Heading level="h2">{t("participants", { title: event.title })}</Heading>
      {totals && (
        <Text className="my-2" data-testid="event-participant-totals">
          {t("totals", { confirmed: totals.confirmed, waitlisted: totals.waitlisted, checked_in: totals.checked_in, paid: m(totals.paid_amount), open: m(totals.open_amount) })}
        </Text>
      )}
      <div className="flex gap-2 my-2">
        <Input placeholder={t("search")} value={q} onChange={(e) => setQ(e.target.value)} />
        <a href={`/admin/events/${event.id}/registrations?format=csv`}><Button variant="secondary">{t("csv")}</Button></a>
        <a href={`/admin/events/${event.id}/registrations?format=pdf&locale=${locale}`} target="_blank" rel="noreferrer"><Button variant="secondary">{t("pdf")}</Button></a>
      </div>
      <PagedTable
        rows={list.data?.registrations ?? []}
        rowKey={(r) => r.id}
        isLoading={list.isLoading}
        rowProps={(r) => ({ "data-registration-name": r.name })}
        empty={<EmptyState title={t("noParticipants")} />}
        columns={[
          { key: "name", header: t("name"), cell: (r) => <>{r.name}<br /><span className="text-ui-fg-subtle">{[r.email, r.phone].filter(Boolean).join(" · ")}</span></> },
          { key: "qty", header: t("qty"), cell: (r) => r.quantity },
          { key: "status", header: t("status"), cell: (r) => <><Badge>{r.status}</Badge>{r.checked_in_at ? ` ${t("checkedIn")}` : ""}</> },
          { key: "payment", header: t("payment"), cell: (r) => `${r.payment_status}${r.payment_method ? ` · ${r.payment_method}` : ""}${r.amount ? ` (${m(r.amount)})` : ""}` },
          {
            key: "answers",
            header: t("answers"),
            cell: (r) => Object.entries(r.answers).map(([k, v]) => <div key={k} className="text-ui-fg-subtle">{`${k}: ${typeof v === "boolean" ? (v ? t("yes") : t("no")) : v}`}</div>),
          },
          { key: "note", header: t("note"), cell: (r) => <NoteCell note={r.note} onSave={(note) => post(`/events/${event.id}/registrations/${r.id}`, { note })} /> },
          {
            key: "actions",
            header: "",
            cell: (r) => (
              <div className="flex gap-1">
                {r.payment_status === "unpaid" && <Button size="small" onClick={() => void post(`/events/${event.id}/registrations/${r.id}/payment`, { status: "paid", method: "cash" })}>{t("markPaid")}</Button>}
                {r.payment_status === "paid" && <Button size="small" variant="secondary" onClick={() => void post(`/events/${event.id}/registrations/${r.id}/payment`, { status: "unpaid" })}>{t("markUnpaid")}</Button>}
                {r.payment_status === "paid" && <Button size="small" variant="secondary" onClick={() => void post(`/events/${event.id}/registrations/${r.id}/payment`, { status: "refunded" })}>{t("markRefunded")}</Button>}
                {r.status === "confirmed" && !r.checked_in_at && (
                  <Button size="small" variant="secondary" onClick={() => void post(`/events/${event.id}/registrations/${r.id}`, { checked_in: true })}>{t("checkIn")}</Button>
                )}
              </div>
            ),
          },
        ]}
      />
      {failure && <Text className="text-ui-fg-error">{failure}</Text>}
      <form onSubmit={submitPhone} className="flex gap-2 items-end mt-4">
        <div><Label htmlFor="ev-phone-name">{t("name")}</Label><Input id="ev-phone-name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required /></div>
        <div><Label htmlFor="ev-phone-email">{t("email")}</Label><Input id="ev-phone-email" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} /></div>
        <div><Label htmlFor="ev-phone-qty">{t("qty")}</Label><Input id="ev-phone-qty" value={draft.quantity} onChange={(e) => setDraft({ ...draft, quantity: e.target.value })} /></div>
        <Button type="submit" isLoading={phone.isLoading}>{t("register")}</Button>
      </form>
      {phone.isError && <Text className="text-ui-fg-error">{errorText(phone.error)}</Text>}
    </Container>
  )
}

/** The events list (by start), the participant list of the chosen event, and dates from a template. */
const EventsTab = ({ generation }: { generation: number }) => {
  const t = useT(messages)
  // A new generation (dates made on the templates tab) is a new query: never a stale list.
  const [own, setOwn] = useState(0)
  const [q, setQ] = useState("")
  const events = useAdminCustomQuery<{ limit: number; q?: string }, { events: EventItem[]; count: number }>("/events", ["events", generation, own, q], {
    limit: 200,
    ...(q.trim() ? { q: q.trim() } : {}),
  })
  const templates = useAdminCustomQuery<Record<string, never>, { templates: Template[] }>("/events/templates", ["event-templates"])
  const venues = useAdminCustomQuery<Record<string, never>, { venues: Venue[] }>("/events/venues", ["event-venues"])
  const [selected, setSelected] = useState<EventItem | null>(null)
  return (
    <>
      <Container className="mb-4">
        <Input id="ev-events-search" className="mb-2" placeholder={t("searchEvents")} aria-label={t("searchEvents")} value={q} onChange={(e) => setQ(e.target.value)} />
        {events.isError && <Text className="text-ui-fg-error">{t("loadFailed", { error: errorText(events.error) })}</Text>}
        <PagedTable
          data-testid="event-list"
          rows={events.data?.events ?? []}
          rowKey={(e) => e.id}
          isLoading={events.isLoading}
          rowProps={(e) => ({ "data-event-id": e.id, onClick: () => setSelected(e), className: "cursor-pointer" })}
          empty={<EmptyState title={t("noEventsTitle")} hint={t("noEventsHint")} />}
          columns={[
            { key: "when", header: t("when"), cell: (e) => `${e.local_start.replace("T", " ")} (${e.time_zone})` },
            { key: "title", header: t("event"), cell: (e) => e.title },
            { key: "venue", header: t("venue"), cell: (e) => e.venue.name },
            { key: "places", header: t("places"), cell: (e) => `${e.taken} / ${e.capacity}${e.waitlisted ? ` (+${e.waitlisted})` : ""}` },
            { key: "status", header: t("status"), cell: (e) => <Badge>{e.status === "cancelled" ? t("cancelled") : e.published ? t("published") : t("draft")}</Badge> },
          ]}
        />
      </Container>
      {selected && <EventEditor key={`${selected.id}-${selected.status}`} event={selected} onChanged={(e) => { setSelected({ ...selected, ...e }); setOwn((n) => n + 1) }} />}
      {selected && <Participants key={selected.id} event={selected} />}
      <Container className="mb-4">
        <SeriesForm templates={templates.data?.templates ?? []} venues={venues.data?.venues ?? []} onCreated={() => setOwn((n) => n + 1)} />
      </Container>
    </>
  )
}

type Tab = "events" | "venues" | "templates"

/** Events, venues and templates in one page with three tabs. */
const EventsPage = () => {
  const t = useT(messages)
  const [tab, setTab] = useState<Tab>("events")
  const [generation, setGeneration] = useState(0)
  return (
    <div>
      <Container className="mb-4">
        <Heading level="h1">{t("title")}</Heading>
        <div className="flex gap-2 mt-3" role="tablist">
          {(["events", "venues", "templates"] as const).map((x) => (
            <Button key={x} role="tab" aria-selected={tab === x} variant={tab === x ? "primary" : "secondary"} onClick={() => setTab(x)}>
              {t(x === "events" ? "tabEvents" : x === "venues" ? "tabVenues" : "tabTemplates")}
            </Button>
          ))}
        </div>
      </Container>
      {tab === "events" && <EventsTab generation={generation} />}
      {tab === "venues" && <VenuesSection />}
      {tab === "templates" && <TemplatesSection onDatesCreated={() => setGeneration((g) => g + 1)} />}
    </div>
  )
}

export const config: RouteConfig = { link: { label: "Events", icon: CalendarMini } }

// The sidebar link in the admin's language (the literal above is what the admin build checks).
localizeLink(config, { de: "Veranstaltungen", en: "Events", pt: "Eventos" })

export default EventsPage
