import type { RouteConfig } from "@medusajs/admin"
import { CalendarSolid } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { useAdminCustomQuery, useMedusa } from "medusa-react"
import { useEffect, useState } from "react"
import { Rnd } from "react-rnd"

type Location = { id: string; name: string; time_zone: string }
type Reservation = {
  id: string
  status: "confirmed" | "seated" | "finished" | "cancelled" | "no_show"
  source: string
  starts_at: string
  ends_at: string
  party_size: number
  table_ids: string[]
  name: string
  phone: string | null
  email: string | null
  note: string | null
  no_shows: number
  pinned: boolean
}
type PlanTable = {
  id: string
  area_id: string
  name: string
  min_seats: number
  max_seats: number
  shape: "rect" | "square" | "round"
  x: number
  y: number
  width: number
  height: number
  rotation: number
  state: "free" | "reserved" | "seated"
}
type Area = { id: string; name: string }
type Plan = { time_zone: string; date: string; areas: Area[]; tables: PlanTable[]; combinations: { id: string; table_ids: string[]; min_seats: number; max_seats: number }[] }

/** The page's texts in the admin's browser language (de, en, pt). */
const TEXTS = {
  en: {
    title: "Reservations", location: "Location", date: "Date", day: "Day list", floor: "Floor plan", status: "Status", all: "All", search: "Search",
    time: "Time", guests: "Guests", name: "Name", tables: "Tables", actions: "Actions", seat: "Seat", finish: "Finish", noShow: "No-show", cancel: "Cancel",
    csv: "Export CSV", occupancy: "Guests per 15 minutes", none: "No reservations", area: "Area", newArea: "New area", addArea: "Add area",
    addTable: "Add table", square: "Square", round: "Round", rect: "Rectangle", rotate: "Rotate 15°", join: "Join selected", seats: "Seats",
    free: "free", reserved: "reserved", seated: "seated", flagged: "no-shows", saved: "Saved", selectHint: "Click tables to select them; drag to move, pull a corner to resize.",
    book: "New booking (phone)", walkIn: "Seat walk-in", phone: "Phone", email: "E-mail", note: "Note", save: "Save", warnings: "Booked with warnings",
    settings: "Settings", online: "Online booking", slot: "Slot (min)", turn: "Seating (min)", buffer: "Buffer (min)", lead: "Lead time (min)", horizon: "Horizon (days)",
    minParty: "Min. party", maxParty: "Max. party", hours: "Opening hours (one period a line: weekday 1-7, HH:MM-HH:MM)", closedDates: "Closed dates (YYYY-MM-DD, comma-separated)",
    pacing: "Online covers per slot (empty: no limit)", consent: "Newsletter consent text", cutoff: "Cancel cut-off (min)", badHours: "Opening hours: use lines like 5 18:00-23:00",
    combos: "Combinations", setup: "Set up reservations for this location first (settings).",
    statuses: { confirmed: "confirmed", seated: "seated", finished: "finished", cancelled: "cancelled", no_show: "no-show" },
  },
  de: {
    title: "Reservierungen", location: "Standort", date: "Datum", day: "Tagesliste", floor: "Tischplan", status: "Status", all: "Alle", search: "Suche",
    time: "Zeit", guests: "Gäste", name: "Name", tables: "Tische", actions: "Aktionen", seat: "Platzieren", finish: "Beenden", noShow: "Nicht erschienen", cancel: "Stornieren",
    csv: "CSV exportieren", occupancy: "Gäste je 15 Minuten", none: "Keine Reservierungen", area: "Bereich", newArea: "Neuer Bereich", addArea: "Bereich anlegen",
    addTable: "Tisch hinzufügen", square: "Quadratisch", round: "Rund", rect: "Rechteckig", rotate: "15° drehen", join: "Auswahl verbinden", seats: "Plätze",
    free: "frei", reserved: "reserviert", seated: "besetzt", flagged: "No-Shows", saved: "Gespeichert", selectHint: "Tische anklicken zum Auswählen; ziehen zum Verschieben, an einer Ecke ziehen zum Vergrößern.",
    book: "Neue Reservierung (Telefon)", walkIn: "Laufkundschaft platzieren", phone: "Telefon", email: "E-Mail", note: "Anmerkung", save: "Speichern", warnings: "Mit Hinweisen gebucht",
    settings: "Einstellungen", online: "Online-Reservierung", slot: "Raster (Min.)", turn: "Verweildauer (Min.)", buffer: "Puffer (Min.)", lead: "Vorlauf (Min.)", horizon: "Horizont (Tage)",
    minParty: "Min. Personen", maxParty: "Max. Personen", hours: "Öffnungszeiten (ein Zeitraum je Zeile: Wochentag 1-7, HH:MM-HH:MM)", closedDates: "Schließtage (JJJJ-MM-TT, durch Komma getrennt)",
    pacing: "Online-Gäste je Zeitfenster (leer: unbegrenzt)", consent: "Text der Newsletter-Einwilligung", cutoff: "Stornofrist (Min.)", badHours: "Öffnungszeiten: Zeilen wie 5 18:00-23:00",
    combos: "Kombinationen", setup: "Richten Sie zuerst die Reservierungen für diesen Standort ein (Einstellungen).",
    statuses: { confirmed: "bestätigt", seated: "platziert", finished: "beendet", cancelled: "storniert", no_show: "nicht erschienen" },
  },
  pt: {
    title: "Reservas", location: "Local", date: "Data", day: "Lista do dia", floor: "Planta", status: "Estado", all: "Todos", search: "Pesquisar",
    time: "Hora", guests: "Pessoas", name: "Nome", tables: "Mesas", actions: "Ações", seat: "Sentar", finish: "Terminar", noShow: "Não compareceu", cancel: "Cancelar",
    csv: "Exportar CSV", occupancy: "Pessoas por 15 minutos", none: "Sem reservas", area: "Área", newArea: "Nova área", addArea: "Criar área",
    addTable: "Adicionar mesa", square: "Quadrada", round: "Redonda", rect: "Retangular", rotate: "Rodar 15°", join: "Juntar seleção", seats: "Lugares",
    free: "livre", reserved: "reservada", seated: "ocupada", flagged: "faltas", saved: "Guardado", selectHint: "Clique nas mesas para as selecionar; arraste para mover, puxe um canto para redimensionar.",
    book: "Nova reserva (telefone)", walkIn: "Sentar cliente sem reserva", phone: "Telefone", email: "E-mail", note: "Observação", save: "Guardar", warnings: "Reservado com avisos",
    settings: "Definições", online: "Reservas online", slot: "Intervalo (min)", turn: "Duração (min)", buffer: "Margem (min)", lead: "Antecedência (min)", horizon: "Horizonte (dias)",
    minParty: "Mín. pessoas", maxParty: "Máx. pessoas", hours: "Horário (um período por linha: dia 1-7, HH:MM-HH:MM)", closedDates: "Dias fechados (AAAA-MM-DD, separados por vírgula)",
    pacing: "Pessoas online por intervalo (vazio: sem limite)", consent: "Texto do consentimento da newsletter", cutoff: "Prazo de cancelamento (min)", badHours: "Horário: use linhas como 5 18:00-23:00",
    combos: "Combinações", setup: "Configure primeiro as reservas deste local (definições).",
    statuses: { confirmed: "confirmada", seated: "sentada", finished: "terminada", cancelled: "cancelada", no_show: "não compareceu" },
  },
}
const texts = () => {
  const lang = (typeof navigator === "undefined" ? "en" : navigator.language).slice(0, 2)
  return TEXTS[lang === "de" || lang === "pt" ? lang : "en"]
}

type ApiError = { response?: { data?: { message?: string } }; message?: string }
const errorText = (e: unknown): string => (e as ApiError)?.response?.data?.message ?? (e as ApiError)?.message ?? String(e)

const localTime = (iso: string, zone: string) => new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit" }).format(new Date(iso))
const today = (zone: string) => new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date())

const stateColor = (s: PlanTable["state"]) => (s === "seated" ? "#f59e0b" : s === "reserved" ? "#60a5fa" : "#86efac")

/** Local `HH:MM` on `date` in `zone` → an ISO instant (the admin's browser may be in another zone). */
const instantIn = (date: string, time: string, zone: string): string => {
  const guess = new Date(`${date}T${time}:00Z`)
  const shown = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(guess)
  const [h, m] = shown.split(":").map(Number)
  const [wh, wm] = time.split(":").map(Number)
  let diff = (h * 60 + m - (wh * 60 + wm)) * 60_000
  if (diff > 12 * 3600_000) diff -= 24 * 3600_000
  if (diff < -12 * 3600_000) diff += 24 * 3600_000
  return new Date(guess.getTime() - diff).toISOString()
}

/** A phone booking (any time, rules as warnings) or a walk-in seated now. */
const NewBooking = ({ location, date, onDone }: { location: Location; date: string; onDone: () => void }) => {
  const t = texts()
  const { client } = useMedusa()
  const [f, setF] = useState({ time: "19:00", party: "2", name: "", phone: "", email: "", note: "" })
  const [message, setMessage] = useState<string | null>(null)
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value })
  const submit = async (walkIn: boolean) => {
    setMessage(null)
    try {
      const body = walkIn
        ? { location_id: location.id, party_size: Number(f.party), ...(f.name ? { name: f.name } : {}), ...(f.note ? { note: f.note } : {}) }
        : {
            location_id: location.id, starts_at: instantIn(date, f.time, location.time_zone), party_size: Number(f.party), name: f.name,
            ...(f.phone ? { phone: f.phone } : {}), ...(f.email ? { email: f.email } : {}), ...(f.note ? { note: f.note } : {}),
          }
      const answer = (await client.admin.custom.post(walkIn ? "/reservations/walk-ins" : "/reservations", body)) as { warnings: string[] }
      setMessage(answer.warnings.length ? `${t.warnings}: ${answer.warnings.join(", ")}` : t.saved)
      onDone()
    } catch (e) {
      setMessage(errorText(e))
    }
  }
  return (
    <div className="flex gap-x-2 items-end flex-wrap">
      <Heading level="h2">{t.book}</Heading>
      <div><Label htmlFor="nb-time">{t.time}</Label><Input id="nb-time" type="time" value={f.time} onChange={set("time")} /></div>
      <div><Label htmlFor="nb-party">{t.guests}</Label><Input id="nb-party" type="number" min={1} value={f.party} onChange={set("party")} /></div>
      <div><Label htmlFor="nb-name">{t.name}</Label><Input id="nb-name" value={f.name} onChange={set("name")} /></div>
      <div><Label htmlFor="nb-phone">{t.phone}</Label><Input id="nb-phone" value={f.phone} onChange={set("phone")} /></div>
      <div><Label htmlFor="nb-email">{t.email}</Label><Input id="nb-email" value={f.email} onChange={set("email")} /></div>
      <div><Label htmlFor="nb-note">{t.note}</Label><Input id="nb-note" value={f.note} onChange={set("note")} /></div>
      <Button onClick={() => submit(false)} disabled={!f.name}>{t.save}</Button>
      <Button variant="secondary" onClick={() => submit(true)}>{t.walkIn}</Button>
      {message && <Text>{message}</Text>}
    </div>
  )
}

type SettingsDTO = {
  online: boolean; slot_minutes: number; opening_hours: { weekday: number; open: string; close: string }[]; closed_dates: string[]; turn_minutes: number
  buffer_minutes: number; min_party: number; max_party: number; lead_minutes: number; horizon_days: number; pacing_online_covers: number | null
  cancel_cutoff_minutes: number; newsletter_consent_text: string | null; turn_minutes_by_party: { up_to: number; minutes: number }[]
}

const DEFAULT_SETTINGS: SettingsDTO = {
  online: true, slot_minutes: 30, opening_hours: [2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: "18:00", close: "22:00" })), closed_dates: [], turn_minutes: 120,
  buffer_minutes: 15, min_party: 1, max_party: 8, lead_minutes: 120, horizon_days: 90, pacing_online_covers: null, cancel_cutoff_minutes: 120, newsletter_consent_text: null, turn_minutes_by_party: [],
}

/** The location's booking settings. */
const SettingsForm = ({ location }: { location: Location }) => {
  const t = texts()
  const query = useAdminCustomQuery<Record<string, never>, { settings: SettingsDTO }>(
    `/reservations/locations/${location.id}/settings`, ["reservation-settings", location.id], undefined, { retry: false }
  )
  const [draft, setDraft] = useState<(SettingsDTO & { hours: string; closed: string }) | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  useEffect(() => {
    if (draft || query.isLoading) return
    const s = query.data?.settings ?? DEFAULT_SETTINGS
    setDraft({ ...s, hours: s.opening_hours.map((p) => `${p.weekday} ${p.open}-${p.close}`).join("\n"), closed: s.closed_dates.join(", ") })
  }, [query.data, query.isLoading, draft])
  if (!draft) return null
  const num = (k: keyof SettingsDTO) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: Number(e.target.value) })
  const save = async () => {
    const hours = draft.hours.split("\n").map((l) => l.trim()).filter(Boolean).map((l) => /^([1-7])\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(l))
    if (hours.some((h) => !h)) {
      setMessage(t.badHours)
      return
    }
    const { hours: _h, closed, ...rest } = draft
    void _h
    try {
      // medusa-js has no PUT: the admin runs on this server, so its session cookie goes with a same-origin fetch.
      const res = await fetch(`/admin/reservations/locations/${location.id}/settings`, {
        method: "PUT",
        credentials: "include",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
        ...rest,
        opening_hours: hours.map((h) => ({ weekday: Number(h![1]), open: h![2], close: h![3] })),
        closed_dates: closed.split(",").map((d) => d.trim()).filter(Boolean),
        newsletter_consent_text: rest.newsletter_consent_text?.trim() || null,
        pacing_online_covers: rest.pacing_online_covers || null,
        }),
      })
      if (!res.ok) throw new Error(((await res.json()) as { message?: string }).message ?? String(res.status))
      setMessage(t.saved)
      await query.refetch()
    } catch (e) {
      setMessage(errorText(e))
    }
  }
  const field = (id: string, label: string, k: keyof SettingsDTO) => (
    <div><Label htmlFor={id}>{label}</Label><Input id={id} type="number" value={String(draft[k] ?? "")} onChange={num(k)} /></div>
  )
  return (
    <Container className="flex flex-col gap-y-3">
      <Heading level="h2">{t.settings}</Heading>
      <label className="flex gap-x-2 items-center"><input type="checkbox" checked={draft.online} onChange={(e) => setDraft({ ...draft, online: e.target.checked })} /> {t.online}</label>
      <div className="grid grid-cols-4 gap-3">
        {field("rs-slot", t.slot, "slot_minutes")}{field("rs-turn", t.turn, "turn_minutes")}{field("rs-buffer", t.buffer, "buffer_minutes")}{field("rs-lead", t.lead, "lead_minutes")}
        {field("rs-horizon", t.horizon, "horizon_days")}{field("rs-min", t.minParty, "min_party")}{field("rs-max", t.maxParty, "max_party")}{field("rs-cutoff", t.cutoff, "cancel_cutoff_minutes")}
        {field("rs-pacing", t.pacing, "pacing_online_covers")}
      </div>
      <Label htmlFor="rs-hours">{t.hours}</Label>
      <textarea id="rs-hours" className="border rounded p-1 font-mono" rows={6} value={draft.hours} onChange={(e) => setDraft({ ...draft, hours: e.target.value })} />
      <Label htmlFor="rs-closed">{t.closedDates}</Label>
      <Input id="rs-closed" value={draft.closed} onChange={(e) => setDraft({ ...draft, closed: e.target.value })} />
      <Label htmlFor="rs-consent">{t.consent}</Label>
      <Input id="rs-consent" value={draft.newsletter_consent_text ?? ""} onChange={(e) => setDraft({ ...draft, newsletter_consent_text: e.target.value })} />
      <Button onClick={save}>{t.save}</Button>
      {message && <Text>{message}</Text>}
    </Container>
  )
}

/** The day's reservations with status actions, and the occupancy chart. */
const DayList = ({ location, date }: { location: Location; date: string }) => {
  const t = texts()
  const { client } = useMedusa()
  const [status, setStatus] = useState("")
  const [q, setQ] = useState("")
  const [error, setError] = useState<string | null>(null)
  const params: Record<string, string> = { location_id: location.id, date, ...(status ? { status } : {}), ...(q ? { q } : {}) }
  const list = useAdminCustomQuery<Record<string, string>, { reservations: Reservation[] }>("/reservations", ["reservations", JSON.stringify(params)], params)
  const occupancy = useAdminCustomQuery<Record<string, string>, { points: { time: string; guests: number }[] }>(
    "/reservations/occupancy",
    ["reservation-occupancy", location.id, date],
    { location_id: location.id, date }
  )
  const act = async (id: string, next: string) => {
    setError(null)
    try {
      await client.admin.custom.post(`/reservations/${id}/status`, { status: next })
      await Promise.all([list.refetch(), occupancy.refetch()])
    } catch (e) {
      setError(errorText(e))
    }
  }
  const points = (occupancy.data?.points ?? []).filter((p) => p.guests > 0 || (p.time >= "11:00" && p.time <= "23:45"))
  const peak = Math.max(1, ...points.map((p) => p.guests))
  const csv = `/admin/reservations/export?${new URLSearchParams(params).toString()}`
  return (
    <Container className="flex flex-col gap-y-3">
      <div className="flex gap-x-3 items-end">
        <div>
          <Label htmlFor="res-status">{t.status}</Label>
          <select id="res-status" className="border rounded p-1" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t.all}</option>
            {(Object.keys(t.statuses) as (keyof typeof t.statuses)[]).map((s) => (
              <option key={s} value={s}>{t.statuses[s]}</option>
            ))}
          </select>
        </div>
        <div>
          <Label htmlFor="res-search">{t.search}</Label>
          <Input id="res-search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <a className="underline" href={csv}>{t.csv}</a>
      </div>
      {error && <Text className="text-ui-fg-error">{error}</Text>}
      <NewBooking location={location} date={date} onDone={() => void Promise.all([list.refetch(), occupancy.refetch()])} />
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>{t.time}</Table.HeaderCell>
            <Table.HeaderCell>{t.guests}</Table.HeaderCell>
            <Table.HeaderCell>{t.name}</Table.HeaderCell>
            <Table.HeaderCell>{t.tables}</Table.HeaderCell>
            <Table.HeaderCell>{t.status}</Table.HeaderCell>
            <Table.HeaderCell>{t.actions}</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {(list.data?.reservations ?? []).map((r) => (
            <Table.Row key={r.id} data-reservation-id={r.id}>
              <Table.Cell>{localTime(r.starts_at, location.time_zone)}–{localTime(r.ends_at, location.time_zone)}</Table.Cell>
              <Table.Cell>{r.party_size}</Table.Cell>
              <Table.Cell>
                {r.name} {r.no_shows > 0 && <Badge color="red">{r.no_shows} {t.flagged}</Badge>}
              </Table.Cell>
              <Table.Cell>{r.table_ids.length}</Table.Cell>
              <Table.Cell><Badge>{t.statuses[r.status]}</Badge></Table.Cell>
              <Table.Cell className="flex gap-x-1">
                {r.status === "confirmed" && <Button size="small" variant="secondary" onClick={() => act(r.id, "seated")}>{t.seat}</Button>}
                {r.status === "seated" && <Button size="small" variant="secondary" onClick={() => act(r.id, "finished")}>{t.finish}</Button>}
                {r.status === "confirmed" && <Button size="small" variant="secondary" onClick={() => act(r.id, "no_show")}>{t.noShow}</Button>}
                {(r.status === "confirmed" || r.status === "seated") && <Button size="small" variant="danger" onClick={() => act(r.id, "cancelled")}>{t.cancel}</Button>}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {list.data?.reservations.length === 0 && <Text>{t.none}</Text>}
      <Heading level="h2">{t.occupancy}</Heading>
      <div className="flex items-end gap-x-px h-32" aria-label={t.occupancy}>
        {points.map((p) => (
          <div key={p.time} title={`${p.time}: ${p.guests}`} style={{ height: `${(p.guests / peak) * 100}%`, width: 6, background: "#60a5fa" }} />
        ))}
      </div>
    </Container>
  )
}

/** The floor-plan editor: a palette of shapes, tables dragged, resized and rotated, tables joined into combinations. */
const FloorPlan = ({ location }: { location: Location }) => {
  const t = texts()
  const { client } = useMedusa()
  const plan = useAdminCustomQuery<Record<string, never>, { plan: Plan }>(`/reservations/locations/${location.id}/plan`, ["reservation-plan", location.id])
  const [areaId, setAreaId] = useState<string>("")
  const [areaName, setAreaName] = useState("")
  const [selected, setSelected] = useState<string[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const [local, setLocal] = useState<Record<string, Partial<PlanTable>>>({})
  const areas = plan.data?.plan.areas ?? []
  useEffect(() => {
    if (!areaId && areas.length) setAreaId(areas[0].id)
  }, [areas, areaId])
  const save = async (id: string, change: Partial<PlanTable>) => {
    setLocal((l) => ({ ...l, [id]: { ...l[id], ...change } }))
    try {
      await client.admin.custom.post(`/reservations/tables/${id}`, change)
      setMessage(t.saved)
    } catch (e) {
      setMessage(errorText(e))
    }
  }
  const addArea = async () => {
    if (!areaName.trim()) return
    try {
      const answer = (await client.admin.custom.post("/reservations/areas", { location_id: location.id, name: areaName.trim() })) as { area: Area }
      setAreaName("")
      setAreaId(answer.area.id)
      await plan.refetch()
    } catch (e) {
      setMessage(errorText(e))
    }
  }
  const addTable = async (shape: PlanTable["shape"]) => {
    if (!areaId) return
    const count = (plan.data?.plan.tables ?? []).length + 1
    try {
      await client.admin.custom.post("/reservations/tables", {
        area_id: areaId, name: `T${count}`, min_seats: 1, max_seats: shape === "rect" ? 6 : 4, shape,
        x: 20 + (count % 8) * 100, y: 20 + Math.floor(count / 8) * 100, width: shape === "rect" ? 140 : 80, height: 80,
      })
      await plan.refetch()
    } catch (e) {
      setMessage(errorText(e))
    }
  }
  const join = async () => {
    const tables = (plan.data?.plan.tables ?? []).filter((x) => selected.includes(x.id))
    if (tables.length < 2) return
    try {
      await client.admin.custom.post("/reservations/combinations", {
        table_ids: tables.map((x) => x.id),
        min_seats: Math.max(...tables.map((x) => x.max_seats)) + 1,
        max_seats: tables.reduce((n, x) => n + x.max_seats, 0),
      })
      setSelected([])
      await plan.refetch()
    } catch (e) {
      setMessage(errorText(e))
    }
  }
  const tables = (plan.data?.plan.tables ?? []).filter((x) => x.area_id === areaId).map((x) => ({ ...x, ...local[x.id] }))
  const one = selected.length === 1 ? tables.find((x) => x.id === selected[0]) : undefined
  return (
    <Container className="flex flex-col gap-y-3">
      <div className="flex gap-x-3 items-end flex-wrap">
        <div>
          <Label htmlFor="res-area">{t.area}</Label>
          <select id="res-area" className="border rounded p-1" value={areaId} onChange={(e) => setAreaId(e.target.value)}>
            {areas.map((a) => (
              <option key={a.id} value={a.id}>{a.name}</option>
            ))}
          </select>
        </div>
        <div>
          <Label htmlFor="res-new-area">{t.newArea}</Label>
          <Input id="res-new-area" value={areaName} onChange={(e) => setAreaName(e.target.value)} />
        </div>
        <Button variant="secondary" onClick={addArea}>{t.addArea}</Button>
        <Text>{t.addTable}:</Text>
        <Button variant="secondary" onClick={() => addTable("square")}>{t.square}</Button>
        <Button variant="secondary" onClick={() => addTable("round")}>{t.round}</Button>
        <Button variant="secondary" onClick={() => addTable("rect")}>{t.rect}</Button>
        <Button variant="secondary" disabled={!one} onClick={() => one && save(one.id, { rotation: (one.rotation + 15) % 360 })}>{t.rotate}</Button>
        <Button variant="secondary" disabled={selected.length < 2} onClick={join}>{t.join}</Button>
      </div>
      <Text className="text-ui-fg-subtle">{t.selectHint}</Text>
      {message && <Text data-res-message>{message}</Text>}
      <div id="res-floor" style={{ position: "relative", width: 1000, height: 600, border: "1px solid #ccc", background: "#fafafa" }}>
        {tables.map((x) => (
          <Rnd
            key={x.id}
            bounds="parent"
            position={{ x: x.x, y: x.y }}
            size={{ width: x.width, height: x.height }}
            onDragStop={(_e, d) => {
              const pos = { x: Math.round(d.x), y: Math.round(d.y) }
              if (pos.x !== x.x || pos.y !== x.y) void save(x.id, pos)
            }}
            onResizeStop={(_e, _dir, ref, _delta, pos) =>
              void save(x.id, { width: Math.round(ref.offsetWidth), height: Math.round(ref.offsetHeight), x: Math.round(pos.x), y: Math.round(pos.y) })
            }
          >
            <div
              data-table-id={x.id}
              onClick={(e) => setSelected((s) => (e.shiftKey || e.metaKey ? (s.includes(x.id) ? s.filter((i) => i !== x.id) : [...s, x.id]) : [x.id]))}
              style={{
                width: "100%", height: "100%", transform: `rotate(${x.rotation}deg)`, background: stateColor(x.state),
                borderRadius: x.shape === "round" ? "50%" : 6, border: selected.includes(x.id) ? "3px solid #111" : "1px solid #555",
                display: "flex", alignItems: "center", justifyContent: "center", flexDirection: "column", cursor: "move", userSelect: "none",
              }}
            >
              <strong>{x.name}</strong>
              <span>{x.min_seats}–{x.max_seats} {t.seats}</span>
              <span>{t[x.state]}</span>
            </div>
          </Rnd>
        ))}
      </div>
      <Heading level="h2">{t.combos}</Heading>
      <ul>
        {(plan.data?.plan.combinations ?? []).map((c) => (
          <li key={c.id}>
            {c.table_ids.map((id) => plan.data?.plan.tables.find((x) => x.id === id)?.name ?? id).join(" + ")} ({c.min_seats}–{c.max_seats} {t.seats})
          </li>
        ))}
      </ul>
    </Container>
  )
}

const ReservationsPage = () => {
  const t = texts()
  const locations = useAdminCustomQuery<Record<string, never>, { locations: Location[] }>("/pos/locations", ["pos-locations"])
  const [locationId, setLocationId] = useState("")
  const [date, setDate] = useState("")
  const [tab, setTab] = useState<"day" | "floor" | "settings">("day")
  const location = (locations.data?.locations ?? []).find((l) => l.id === locationId) ?? locations.data?.locations[0]
  const settings = useAdminCustomQuery<Record<string, never>, { settings: unknown }>(
    `/reservations/locations/${location?.id ?? "none"}/settings`,
    ["reservation-settings", location?.id ?? "none"],
    undefined,
    { enabled: !!location, retry: false }
  )
  const day = date || (location ? today(location.time_zone) : "")
  return (
    <div className="flex flex-col gap-y-4">
      <Container className="flex gap-x-4 items-end">
        <Heading level="h1">{t.title}</Heading>
        <div>
          <Label htmlFor="res-location">{t.location}</Label>
          <select id="res-location" className="border rounded p-1" value={location?.id ?? ""} onChange={(e) => setLocationId(e.target.value)}>
            {(locations.data?.locations ?? []).map((l) => (
              <option key={l.id} value={l.id}>{l.name}</option>
            ))}
          </select>
        </div>
        <div>
          <Label htmlFor="res-date">{t.date}</Label>
          <Input id="res-date" type="date" value={day} onChange={(e) => setDate(e.target.value)} />
        </div>
        <Button variant={tab === "day" ? "primary" : "secondary"} onClick={() => setTab("day")}>{t.day}</Button>
        <Button variant={tab === "floor" ? "primary" : "secondary"} onClick={() => setTab("floor")}>{t.floor}</Button>
        <Button variant={tab === "settings" ? "primary" : "secondary"} onClick={() => setTab("settings")}>{t.settings}</Button>
      </Container>
      {location && settings.isError && <Text>{t.setup}</Text>}
      {location && tab === "day" && <DayList key={`${location.id}${day}`} location={location} date={day} />}
      {location && tab === "floor" && <FloorPlan key={location.id} location={location} />}
      {location && tab === "settings" && <SettingsForm key={location.id} location={location} />}
    </div>
  )
}

export const config: RouteConfig = {
  link: {
    label: "Reservations",
    icon: CalendarSolid,
  },
}

export default ReservationsPage
