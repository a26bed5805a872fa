import type { RouteConfig } from "@medusajs/admin"
import { CalendarMini } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { useAdminCustomPost, useAdminCustomQuery } from "medusa-react"
import { FormEvent, useState } from "react"

type EventItem = {
  id: string
  title: string
  starts_at: string
  time_zone: string
  local_start: string
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
type Template = { id: string; title: string; venue_id: string | null }
type Venue = { id: string; name: string }

/** Every text of the page in the admin's browser language (de, en, pt). */
const TEXTS = {
  de: {
    title: "Veranstaltungen", when: "Wann", event: "Veranstaltung", venue: "Ort", places: "Plätze", status: "Status", published: "veröffentlicht",
    draft: "Entwurf", cancelled: "abgesagt", participants: "Teilnehmende", search: "Suchen (Name, E-Mail, Telefon)", name: "Name", qty: "Anz.",
    payment: "Zahlung", paid: "Bezahlt", unpaid: "Offen", checkIn: "Einchecken", checkedIn: "eingecheckt", csv: "CSV-Export",
    totals: (t: Totals, m: (n: number) => string) => `${t.confirmed} bestätigt · ${t.waitlisted} Warteliste · ${t.checked_in} eingecheckt · bezahlt ${m(t.paid_amount)} · offen ${m(t.open_amount)}`,
    fromTemplate: "Aus Vorlage anlegen", template: "Vorlage", time: "Uhrzeit (HH:MM)", dates: "Daten (JJJJ-MM-TT, durch Komma getrennt)",
    weekdays: "oder wöchentlich an Wochentagen (1=Mo … 7=So, z. B. 2,4)", from: "von", until: "bis", create: "Anlegen", created: (n: number) => `${n} Termine angelegt`,
    phone: "Telefonische Anmeldung", email: "E-Mail (optional)", register: "Anmelden", none: "Keine Veranstaltungen", loading: "Lädt…", cancelReg: "Stornieren",
  },
  en: {
    title: "Events", when: "When", event: "Event", venue: "Venue", places: "Places", status: "Status", published: "published",
    draft: "draft", cancelled: "cancelled", participants: "Participants", search: "Search (name, e-mail, phone)", name: "Name", qty: "Qty",
    payment: "Payment", paid: "Paid", unpaid: "Unpaid", checkIn: "Check in", checkedIn: "checked in", csv: "CSV export",
    totals: (t: Totals, m: (n: number) => string) => `${t.confirmed} confirmed · ${t.waitlisted} waiting · ${t.checked_in} checked in · paid ${m(t.paid_amount)} · open ${m(t.open_amount)}`,
    fromTemplate: "Create from template", template: "Template", time: "Time (HH:MM)", dates: "Dates (YYYY-MM-DD, comma separated)",
    weekdays: "or weekly on weekdays (1=Mon … 7=Sun, e.g. 2,4)", from: "from", until: "until", create: "Create", created: (n: number) => `${n} dates created`,
    phone: "Registration by phone", email: "E-mail (optional)", register: "Register", none: "No events", loading: "Loading…", cancelReg: "Cancel",
  },
  pt: {
    title: "Eventos", when: "Quando", event: "Evento", venue: "Local", places: "Lugares", status: "Estado", published: "publicado",
    draft: "rascunho", cancelled: "cancelado", participants: "Participantes", search: "Pesquisar (nome, e-mail, telefone)", name: "Nome", qty: "Qtd.",
    payment: "Pagamento", paid: "Pago", unpaid: "Em aberto", checkIn: "Registar entrada", checkedIn: "entrada registada", csv: "Exportar CSV",
    totals: (t: Totals, m: (n: number) => string) => `${t.confirmed} confirmados · ${t.waitlisted} em espera · ${t.checked_in} com entrada · pago ${m(t.paid_amount)} · em aberto ${m(t.open_amount)}`,
    fromTemplate: "Criar a partir de modelo", template: "Modelo", time: "Hora (HH:MM)", dates: "Datas (AAAA-MM-DD, separadas por vírgula)",
    weekdays: "ou semanal nos dias (1=seg … 7=dom, p. ex. 2,4)", from: "de", until: "até", create: "Criar", created: (n: number) => `${n} datas criadas`,
    phone: "Inscrição por telefone", email: "E-mail (opcional)", register: "Inscrever", none: "Sem eventos", loading: "A carregar…", cancelReg: "Cancelar",
  },
}
const texts = () => {
  const lang = (typeof navigator === "undefined" ? "en" : navigator.language).slice(0, 2)
  return TEXTS[lang === "de" || lang === "pt" ? lang : "en"]
}

type ApiError = { response?: { data?: { message?: string } }; message?: string }
const errorText = (e: unknown): string => (e as ApiError)?.response?.data?.message ?? (e as ApiError)?.message ?? String(e)
const money = (minor: number, currency: string): string => `${(minor / 100).toFixed(2)} ${currency.toUpperCase()}`

/** The participant list of one event: search, payment, check-in, phone registration, CSV. */
const Participants = ({ event }: { event: EventItem }) => {
  const t = texts()
  const [q, setQ] = useState("")
  const list = useAdminCustomQuery<{ q?: string }, { registrations: Registration[]; totals: Totals }>(
    `/events/${event.id}/registrations`,
    ["event-registrations", event.id, q],
    q ? { q } : {}
  )
  const [busy, setBusy] = useState<string | null>(null)
  const update = useAdminCustomPost<{ checked_in: boolean }, unknown>(`/events/${event.id}/registrations/${busy ?? "none"}`, ["event-registrations", event.id])
  const phone = useAdminCustomPost<{ name: string; email?: string; quantity: number }, unknown>(`/events/${event.id}/registrations`, ["event-registrations", event.id])
  const [draft, setDraft] = useState({ name: "", email: "", quantity: "1" })
  const m = (n: number) => money(n, event.currency_code)
  const setPaid = (r: Registration, status: string) => {
    setBusy(r.id)
    void fetch(`/admin/events/${event.id}/registrations/${r.id}/payment`, {
      method: "POST",
      credentials: "include",
      headers: { "Content-Type": "application/json", "Idempotency-Key": `${r.id}-${status}-${Date.now().toString(36)}` },
      body: JSON.stringify({ status, method: status === "paid" ? "cash" : undefined }),
    }).then(() => list.refetch())
  }
  const submitPhone = (e: FormEvent) => {
    e.preventDefault()
    phone.mutate(
      { name: draft.name, quantity: Number(draft.quantity) || 1, ...(draft.email ? { email: draft.email } : {}) },
      { onSuccess: () => { setDraft({ name: "", email: "", quantity: "1" }); void list.refetch() } }
    )
  }
  return (
    <Container className="mb-4" data-testid="event-participants">
      <Heading level="h2">{t.participants}: {event.title}</Heading>
      {list.data && <Text className="my-2">{t.totals(list.data.totals, m)}</Text>}
      <div className="flex gap-2 my-2">
        <Input placeholder={t.search} value={q} onChange={(e) => setQ(e.target.value)} />
        <a href={`/admin/events/${event.id}/registrations?format=csv`}><Button variant="secondary">{t.csv}</Button></a>
      </div>
      <Table>
        <Table.Header>
          <Table.Row><Table.HeaderCell>{t.name}</Table.HeaderCell><Table.HeaderCell>{t.qty}</Table.HeaderCell><Table.HeaderCell>{t.status}</Table.HeaderCell><Table.HeaderCell>{t.payment}</Table.HeaderCell><Table.HeaderCell /></Table.Row>
        </Table.Header>
        <Table.Body>
          {(list.data?.registrations ?? []).map((r) => (
            <Table.Row key={r.id}>
              <Table.Cell>{r.name}<br /><span className="text-ui-fg-subtle">{[r.email, r.phone].filter(Boolean).join(" · ")}</span></Table.Cell>
              <Table.Cell>{r.quantity}</Table.Cell>
              <Table.Cell><Badge>{r.status}</Badge>{r.checked_in_at ? ` ${t.checkedIn}` : ""}</Table.Cell>
              <Table.Cell>{r.payment_status}{r.amount ? ` (${m(r.amount)})` : ""}</Table.Cell>
              <Table.Cell className="flex gap-1">
                {r.payment_status === "unpaid" && <Button size="small" onClick={() => setPaid(r, "paid")}>{t.paid}</Button>}
                {r.payment_status === "paid" && <Button size="small" variant="secondary" onClick={() => setPaid(r, "unpaid")}>{t.unpaid}</Button>}
                {r.status === "confirmed" && !r.checked_in_at && (
                  <Button size="small" variant="secondary" onClick={() => { setBusy(r.id); setTimeout(() => update.mutate({ checked_in: true }, { onSuccess: () => void list.refetch() }), 0) }}>{t.checkIn}</Button>
                )}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <form onSubmit={submitPhone} className="flex gap-2 items-end mt-4">
        <div><Label>{t.name}</Label><Input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required /></div>
        <div><Label>{t.email}</Label><Input value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} /></div>
        <div><Label>{t.qty}</Label><Input value={draft.quantity} onChange={(e) => setDraft({ ...draft, quantity: e.target.value })} /></div>
        <Button type="submit">{t.register}</Button>
      </form>
      {phone.isError && <Text className="text-ui-fg-error">{errorText(phone.error)}</Text>}
    </Container>
  )
}

/** One date or a series from a template. */
const FromTemplate = ({ onCreated }: { onCreated: () => void }) => {
  const t = texts()
  const templates = useAdminCustomQuery<Record<string, never>, { templates: Template[] }>("/events/templates", ["event-templates"])
  const venues = useAdminCustomQuery<Record<string, never>, { venues: Venue[] }>("/events/venues", ["event-venues"])
  const [f, setF] = useState({ template_id: "", venue_id: "", time: "18:00", dates: "", weekdays: "", from: "", until: "" })
  const create = useAdminCustomPost<Record<string, unknown>, { events: EventItem[] }>(`/events/templates/${f.template_id || "none"}/events`, ["events"])
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const body: Record<string, unknown> = { time: f.time }
    if (f.venue_id) body.venue_id = f.venue_id
    if (f.weekdays) body.weekly = { weekdays: f.weekdays.split(",").map((d) => Number(d.trim())), from: f.from, until: f.until }
    else body.dates = f.dates.split(",").map((d) => d.trim()).filter(Boolean)
    create.mutate(body, { onSuccess: onCreated })
  }
  return (
    <Container className="mb-4">
      <Heading level="h2">{t.fromTemplate}</Heading>
      <form onSubmit={submit} className="grid grid-cols-2 gap-2 mt-2">
        <div><Label>{t.template}</Label>
          <select className="border rounded p-1 w-full" value={f.template_id} onChange={(e) => setF({ ...f, template_id: e.target.value })} required>
            <option value="">–</option>
            {(templates.data?.templates ?? []).map((x) => <option key={x.id} value={x.id}>{x.title}</option>)}
          </select></div>
        <div><Label>{t.venue}</Label>
          <select className="border rounded p-1 w-full" value={f.venue_id} onChange={(e) => setF({ ...f, venue_id: e.target.value })}>
            <option value="">–</option>
            {(venues.data?.venues ?? []).map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          </select></div>
        <div><Label>{t.time}</Label><Input value={f.time} onChange={(e) => setF({ ...f, time: e.target.value })} /></div>
        <div><Label>{t.dates}</Label><Input value={f.dates} onChange={(e) => setF({ ...f, dates: e.target.value })} /></div>
        <div><Label>{t.weekdays}</Label><Input value={f.weekdays} onChange={(e) => setF({ ...f, weekdays: e.target.value })} /></div>
        <div className="flex gap-2"><div><Label>{t.from}</Label><Input value={f.from} onChange={(e) => setF({ ...f, from: e.target.value })} /></div>
          <div><Label>{t.until}</Label><Input value={f.until} onChange={(e) => setF({ ...f, until: e.target.value })} /></div></div>
        <Button type="submit">{t.create}</Button>
      </form>
      {create.isSuccess && <Text>{t.created(create.data?.events.length ?? 0)}</Text>}
      {create.isError && <Text className="text-ui-fg-error">{errorText(create.error)}</Text>}
    </Container>
  )
}

/** The events list (by start), the participant list of the chosen event, and dates from templates. */
const EventsPage = () => {
  const t = texts()
  const events = useAdminCustomQuery<{ limit: number }, { events: EventItem[]; count: number }>("/events", ["events"], { limit: 200 })
  const [selected, setSelected] = useState<EventItem | null>(null)
  return (
    <div>
      <Container className="mb-4">
        <Heading level="h1">{t.title}</Heading>
        {events.isLoading && <Text>{t.loading}</Text>}
        {events.isError && <Text className="text-ui-fg-error">{errorText(events.error)}</Text>}
        {events.data && !events.data.events.length && <Text>{t.none}</Text>}
        <Table>
          <Table.Header>
            <Table.Row><Table.HeaderCell>{t.when}</Table.HeaderCell><Table.HeaderCell>{t.event}</Table.HeaderCell><Table.HeaderCell>{t.venue}</Table.HeaderCell><Table.HeaderCell>{t.places}</Table.HeaderCell><Table.HeaderCell>{t.status}</Table.HeaderCell></Table.Row>
          </Table.Header>
          <Table.Body>
            {(events.data?.events ?? []).map((e) => (
              <Table.Row key={e.id} onClick={() => setSelected(e)} className="cursor-pointer">
                <Table.Cell>{e.local_start.replace("T", " ")} ({e.time_zone})</Table.Cell>
                <Table.Cell>{e.title}</Table.Cell>
                <Table.Cell>{e.venue.name}</Table.Cell>
                <Table.Cell>{e.taken} / {e.capacity}{e.waitlisted ? ` (+${e.waitlisted})` : ""}</Table.Cell>
                <Table.Cell><Badge>{e.status === "cancelled" ? t.cancelled : e.published ? t.published : t.draft}</Badge></Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Container>
      {selected && <Participants key={selected.id} event={selected} />}
      <FromTemplate onCreated={() => void events.refetch()} />
    </div>
  )
}

export const config: RouteConfig = { link: { label: "Events", icon: CalendarMini } }

export default EventsPage
