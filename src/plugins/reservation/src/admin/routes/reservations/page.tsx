import type { RouteConfig } from "@medusajs/admin"
import { CalendarSolid } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { useAdminCustomQuery, useMedusa } from "medusa-react"
import { useEffect, useState } from "react"
import { Rnd } from "react-rnd"

import { ConfirmButton, EmptyState, errorText, localizeLink, useT } from "@customer-modules/admin-kit"

import { messages } from "./messages"
import type { EngineRule } from "../../../engine/types"
import type { AreaDTO, FloorState, FloorTable, ReservationDTO } from "../../../types"

type Location = { id: string; name: string; time_zone: string }
type Reservation = ReservationDTO & { no_shows: number }
type PlanTable = FloorTable
type Area = AreaDTO
type Rule = EngineRule
type Plan = FloorState
type Move = { reservation_id: string; from_table_ids: string[]; to_table_ids: string[] }

/** Every booking status, in the order the filter lists them. */
const STATUSES: Reservation["status"][] = ["confirmed", "seated", "finished", "cancelled", "no_show"]
/** Every effect a time rule can have. */
const EFFECTS: Rule["effect"][] = ["closed", "online_closed", "open_only"]

const localTime = (iso: string, zone: string) => new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit" }).format(new Date(iso))
const today = (zone: string) => new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date())

const stateColor = (s: PlanTable["state"]) => (s === "seated" ? "#f59e0b" : s === "reserved" ? "#60a5fa" : "#86efac")

/** Bars of the timeline by reservation status. */
const STATUS_COLORS: Record<Reservation["status"], string> = { confirmed: "#60a5fa", seated: "#f59e0b", finished: "#9ca3af", cancelled: "#e5e7eb", no_show: "#f87171" }

/** Minutes since local midnight of `date` in `zone` (past midnight: above 1440). */
const minutesOn = (iso: string, date: string, zone: string): number => {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(iso))
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00"
  const day = `${get("year")}-${get("month")}-${get("day")}`
  const m = Number(get("hour")) * 60 + Number(get("minute"))
  return day > date ? m + 1440 : day < date ? m - 1440 : m
}

/** ISO weekday (1 = Monday) of a calendar date. */
const weekdayOf = (date: string): number => ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** The location's floor plan with every table's state at `at` (default now). */
const usePlan = (location: Location, at?: string) =>
  useAdminCustomQuery<Record<string, string>, { plan: Plan }>(
    `/reservations/locations/${location.id}/plan`,
    ["reservation-plan", location.id, at ?? "now"],
    at ? { at } : undefined,
    { keepPreviousData: true }
  )

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
const NewBooking = ({ location, date, tables, onDone, describeMoves }: {
  location: Location; date: string; tables: PlanTable[]; onDone: () => void; describeMoves: (moves: Move[]) => string
}) => {
  const t = useT(messages)
  const { client } = useMedusa()
  const [f, setF] = useState({ time: "19:00", party: "2", name: "", phone: "", email: "", note: "", table: "" })
  const [asked, setAsked] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value })
  const submit = async (walkIn: boolean) => {
    setMessage(null)
    try {
      const body = walkIn
        ? { location_id: location.id, party_size: Number(f.party), ...(f.name ? { name: f.name } : {}), ...(f.note ? { note: f.note } : {}), ...(f.table ? { table_ids: [f.table] } : {}) }
        : {
            location_id: location.id, starts_at: instantIn(date, f.time, location.time_zone), party_size: Number(f.party), name: f.name,
            ...(f.phone ? { phone: f.phone } : {}), ...(f.email ? { email: f.email } : {}), ...(f.note ? { note: f.note } : {}),
            // A chosen table is pinned; the guest's own wish is never moved by the engine either.
            ...(f.table ? { table_ids: [f.table] } : {}), ...(asked ? { guest_requested: true } : {}),
          }
      const answer = (await client.admin.custom.post(walkIn ? "/reservations/walk-ins" : "/reservations", body)) as { warnings: string[]; moves?: Move[] }
      // Staff see what the booking moved to make room (each moved booking keeps its time).
      const moved = describeMoves(answer.moves ?? [])
      setMessage([answer.warnings.length ? `${t("warnings")}: ${answer.warnings.join(", ")}` : t("saved"), moved].filter(Boolean).join(" · "))
      onDone()
    } catch (e) {
      setMessage(errorText(e))
    }
  }
  return (
    <div className="flex gap-x-2 items-end flex-wrap">
      <Heading level="h2">{t("book")}</Heading>
      <div><Label htmlFor="nb-time">{t("time")}</Label><Input id="nb-time" type="time" value={f.time} onChange={set("time")} /></div>
      <div><Label htmlFor="nb-party">{t("guests")}</Label><Input id="nb-party" type="number" min={1} value={f.party} onChange={set("party")} /></div>
      <div><Label htmlFor="nb-name">{t("name")}</Label><Input id="nb-name" value={f.name} onChange={set("name")} /></div>
      <div><Label htmlFor="nb-phone">{t("phone")}</Label><Input id="nb-phone" value={f.phone} onChange={set("phone")} /></div>
      <div><Label htmlFor="nb-email">{t("email")}</Label><Input id="nb-email" value={f.email} onChange={set("email")} /></div>
      <div><Label htmlFor="nb-note">{t("note")}</Label><Input id="nb-note" value={f.note} onChange={set("note")} /></div>
      <div>
        <Label htmlFor="nb-table">{t("tables")}</Label>
        <select id="nb-table" className="border rounded p-1" value={f.table} onChange={set("table")}>
          <option value="">{t("anyTable")}</option>
          {tables.map((x) => (
            <option key={x.id} value={x.id}>{x.name} ({x.min_seats}–{x.max_seats})</option>
          ))}
        </select>
      </div>
      <label className="flex gap-x-1 items-center"><input type="checkbox" id="nb-asked" checked={asked} onChange={(e) => setAsked(e.target.checked)} /> {t("guestAsked")}</label>
      <Button onClick={() => submit(false)} disabled={!f.name}>{t("save")}</Button>
      <Button variant="secondary" onClick={() => submit(true)}>{t("walkIn")}</Button>
      {message && <Text data-res-booking-message>{message}</Text>}
    </div>
  )
}

type SettingsDTO = {
  online: boolean; slot_minutes: number; opening_hours: { weekday: number; open: string; close: string }[]; closed_dates: string[]; turn_minutes: number
  buffer_minutes: number; min_party: number; max_party: number; lead_minutes: number; horizon_days: number; pacing_online_covers: number | null
  pacing_covers: number | null; no_show_limit: number; no_show_months: number
  cancel_cutoff_minutes: number; newsletter_consent_text: string | null; turn_minutes_by_party: { up_to: number; minutes: number }[]
}

const DEFAULT_SETTINGS: SettingsDTO = {
  online: true, slot_minutes: 30, opening_hours: [2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: "18:00", close: "22:00" })), closed_dates: [], turn_minutes: 120,
  buffer_minutes: 15, min_party: 1, max_party: 8, lead_minutes: 120, horizon_days: 90, pacing_online_covers: null, pacing_covers: null, no_show_limit: 3, no_show_months: 12, cancel_cutoff_minutes: 120, newsletter_consent_text: null, turn_minutes_by_party: [],
}

/** The location's booking settings. */
const SettingsForm = ({ location }: { location: Location }) => {
  const t = useT(messages)
  const query = useAdminCustomQuery<Record<string, never>, { settings: SettingsDTO }>(
    `/reservations/locations/${location.id}/settings`, ["reservation-settings", location.id], undefined, { retry: false }
  )
  const [draft, setDraft] = useState<(SettingsDTO & { hours: string; closed: string; turns: string }) | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  useEffect(() => {
    if (draft || query.isLoading) return
    const s = query.data?.settings ?? DEFAULT_SETTINGS
    setDraft({
      ...s,
      hours: s.opening_hours.map((p) => `${p.weekday} ${p.open}-${p.close}`).join("\n"),
      closed: s.closed_dates.join(", "),
      turns: (s.turn_minutes_by_party ?? []).map((x) => `${x.up_to}:${x.minutes}`).join(", "),
    })
  }, [query.data, query.isLoading, draft])
  if (!draft) return null
  const num = (k: keyof SettingsDTO) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: Number(e.target.value) })
  const save = async () => {
    const hours = draft.hours.split("\n").map((l) => l.trim()).filter(Boolean).map((l) => /^([1-7])\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(l))
    if (hours.some((h) => !h)) {
      setMessage(t("badHours"))
      return
    }
    const turns = draft.turns.split(",").map((x) => x.trim()).filter(Boolean).map((x) => /^(\d+)\s*:\s*(\d+)$/.exec(x))
    if (turns.some((x) => !x)) {
      setMessage(t("badTurns"))
      return
    }
    // The stored settings carry their location_id, which the strict PUT body does not take.
    const { hours: _h, turns: _t, closed, location_id: _l, ...rest } = draft as typeof draft & { location_id?: string }
    void _h
    void _t
    void _l
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
        pacing_covers: rest.pacing_covers || null,
        turn_minutes_by_party: turns.map((x) => ({ up_to: Number(x![1]), minutes: Number(x![2]) })),
        }),
      })
      if (!res.ok) throw new Error(((await res.json()) as { message?: string }).message ?? String(res.status))
      setMessage(t("saved"))
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
      <Heading level="h2">{t("settings")}</Heading>
      <label className="flex gap-x-2 items-center"><input type="checkbox" checked={draft.online} onChange={(e) => setDraft({ ...draft, online: e.target.checked })} /> {t("online")}</label>
      <div className="grid grid-cols-4 gap-3">
        {field("rs-slot", t("slot"), "slot_minutes")}{field("rs-turn", t("turn"), "turn_minutes")}{field("rs-buffer", t("buffer"), "buffer_minutes")}{field("rs-lead", t("lead"), "lead_minutes")}
        {field("rs-horizon", t("horizon"), "horizon_days")}{field("rs-min", t("minParty"), "min_party")}{field("rs-max", t("maxParty"), "max_party")}{field("rs-cutoff", t("cutoff"), "cancel_cutoff_minutes")}
        {field("rs-pacing", t("pacing"), "pacing_online_covers")}{field("rs-pacing-all", t("pacingAll"), "pacing_covers")}
        {field("rs-noshow-limit", t("noShowLimit"), "no_show_limit")}{field("rs-noshow-months", t("noShowMonths"), "no_show_months")}
      </div>
      <Label htmlFor="rs-hours">{t("hours")}</Label>
      <textarea id="rs-hours" className="border rounded p-1 font-mono" rows={6} value={draft.hours} onChange={(e) => setDraft({ ...draft, hours: e.target.value })} />
      <Label htmlFor="rs-turns">{t("turnByParty")}</Label>
      <Input id="rs-turns" value={draft.turns} onChange={(e) => setDraft({ ...draft, turns: e.target.value })} />
      <Label htmlFor="rs-closed">{t("closedDates")}</Label>
      <Input id="rs-closed" value={draft.closed} onChange={(e) => setDraft({ ...draft, closed: e.target.value })} />
      <Label htmlFor="rs-consent">{t("consent")}</Label>
      <Input id="rs-consent" value={draft.newsletter_consent_text ?? ""} onChange={(e) => setDraft({ ...draft, newsletter_consent_text: e.target.value })} />
      <Button onClick={save}>{t("save")}</Button>
      {message && <Text>{message}</Text>}
    </Container>
  )
}

/**
 * One row per table (grouped by area) over the hours of the location's day
 * (its opening hours, widened to every booking); each booking a bar with the
 * guest, the party size and its status colour. A click picks the booking.
 */
const Timeline = ({ location, date, plan, reservations, opening, picked, onPick }: {
  location: Location; date: string; plan: Plan | undefined; reservations: Reservation[]
  opening: { weekday: number; open: string; close: string }[]; picked: string | null; onPick: (id: string) => void
}) => {
  const t = useT(messages)
  const zone = location.time_zone
  const weekday = weekdayOf(date)
  const spans = opening.filter((p) => p.weekday === weekday).map((p) => {
    const open = toMinutes(p.open)
    const close = toMinutes(p.close)
    return [open, close <= open ? close + 1440 : close]
  })
  const bars = reservations.filter((r) => r.table_ids.length > 0).map((r) => ({ r, from: minutesOn(r.starts_at, date, zone), to: minutesOn(r.ends_at, date, zone) }))
  const starts = [...spans.map((x) => x[0]), ...bars.map((b) => b.from)]
  const ends = [...spans.map((x) => x[1]), ...bars.map((b) => b.to)]
  const from = starts.length ? Math.floor(Math.min(...starts) / 60) * 60 : 11 * 60
  const to = Math.max(from + 60, ends.length ? Math.ceil(Math.max(...ends) / 60) * 60 : 23 * 60)
  const pct = (m: number) => `${((Math.min(Math.max(m, from), to) - from) / (to - from)) * 100}%`
  const hours = Array.from({ length: (to - from) / 60 + 1 }, (_, i) => from + i * 60)
  const tables = plan?.tables ?? []
  const LABEL = 140
  return (
    <div className="flex flex-col gap-y-1" data-testid="res-timeline">
      <Heading level="h2">{t("timeline")}</Heading>
      {tables.length === 0 && <EmptyState title={t("noTables")} hint={t("noTablesHint")} />}
      {tables.length > 0 && (
        <div style={{ position: "relative", height: 18, marginLeft: LABEL }}>
          {hours.map((h) => (
            <span key={h} style={{ position: "absolute", left: pct(h), fontSize: 11, transform: "translateX(-50%)" }}>{String(Math.floor(h / 60) % 24).padStart(2, "0")}:00</span>
          ))}
        </div>
      )}
      {(plan?.areas ?? []).map((area) => (
        <div key={area.id} data-timeline-area={area.id}>
          <Text weight="plus">{area.name}</Text>
          {tables.filter((x) => x.area_id === area.id).map((table) => (
            <div key={table.id} data-timeline-table={table.id} className="flex items-center" style={{ height: 30, borderBottom: "1px solid #eee" }}>
              <div style={{ width: LABEL, flexShrink: 0 }}>{table.name} <span className="text-ui-fg-subtle">({table.min_seats}–{table.max_seats})</span></div>
              <div style={{ position: "relative", flexGrow: 1, height: "100%", background: "repeating-linear-gradient(90deg, #fafafa, #fafafa 1px, transparent 1px, transparent 100%)" }}>
                {hours.map((h) => (
                  <span key={h} style={{ position: "absolute", left: pct(h), top: 0, bottom: 0, borderLeft: "1px dashed #ddd" }} />
                ))}
                {bars.filter((b) => b.r.table_ids.includes(table.id)).map(({ r, from: a, to: b }) => (
                  <button
                    key={r.id}
                    type="button"
                    data-timeline-booking={r.id}
                    data-status={r.status}
                    onClick={() => onPick(r.id)}
                    title={`${localTime(r.starts_at, zone)}–${localTime(r.ends_at, zone)} ${r.name} · ${r.party_size} · ${t(`status_${r.status}`)}`}
                    style={{
                      position: "absolute", left: pct(a), width: `calc(${pct(b)} - ${pct(a)})`, top: 3, bottom: 3, overflow: "hidden", whiteSpace: "nowrap",
                      background: STATUS_COLORS[r.status], borderRadius: 4, fontSize: 12, padding: "0 4px", textAlign: "left",
                      textDecoration: r.status === "cancelled" || r.status === "no_show" ? "line-through" : undefined,
                      outline: picked === r.id ? "3px solid #111" : "none",
                    }}
                  >
                    {r.name} · {r.party_size}
                  </button>
                ))}
              </div>
            </div>
          ))}
        </div>
      ))}
    </div>
  )
}

/**
 * The day's reservations with status actions (and lifting a guest's block),
 * the timeline per table, the occupancy chart and the covers per day of the month.
 */
const DayList = ({ location, date }: { location: Location; date: string }) => {
  const t = useT(messages)
  const { client } = useMedusa()
  const [status, setStatus] = useState("")
  const [q, setQ] = useState("")
  const [areaFilter, setAreaFilter] = useState("")
  const [error, setError] = useState<string | null>(null)
  const [picked, setPicked] = useState<string | null>(null)
  const params: Record<string, string> = { location_id: location.id, date, ...(status ? { status } : {}), ...(areaFilter ? { area_id: areaFilter } : {}), ...(q ? { q } : {}) }
  const list = useAdminCustomQuery<Record<string, string>, { reservations: Reservation[] }>("/reservations", ["reservations", JSON.stringify(params)], params)
  const plan = usePlan(location)
  const settings = useAdminCustomQuery<Record<string, never>, { settings: SettingsDTO }>(
    `/reservations/locations/${location.id}/settings`, ["reservation-settings", location.id], undefined, { retry: false }
  )
  const occupancy = useAdminCustomQuery<Record<string, string>, { points: { time: string; guests: number }[] }>(
    "/reservations/occupancy",
    ["reservation-occupancy", location.id, date],
    { location_id: location.id, date }
  )
  const month = date.slice(0, 7)
  const covers = useAdminCustomQuery<Record<string, string>, { days: { date: string; covers: number; reservations: number; no_shows: number }[] }>(
    "/reservations/covers",
    ["reservation-covers", location.id, month],
    { location_id: location.id, month }
  )
  const refresh = () => Promise.all([list.refetch(), occupancy.refetch(), covers.refetch(), plan.refetch()])
  const act = async (id: string, next: string) => {
    setError(null)
    try {
      await client.admin.custom.post(`/reservations/${id}/status`, { status: next })
      await refresh()
    } catch (e) {
      setError(errorText(e))
    }
  }
  const pin = async (r: Reservation) => {
    setError(null)
    try {
      await client.admin.custom.post(`/reservations/${r.id}/assign`, { table_ids: r.table_ids, pinned: !r.pinned })
      await refresh()
    } catch (e) {
      setError(errorText(e))
    }
  }
  const lift = async (r: Reservation) => {
    setError(null)
    try {
      await client.admin.custom.post("/reservations/guests/unblock", { ...(r.email ? { email: r.email } : {}), ...(r.phone ? { phone: r.phone } : {}) })
      setError(t("lifted"))
    } catch (e) {
      setError(errorText(e))
    }
  }
  const pick = (id: string) => {
    setPicked(id)
    document.querySelector(`[data-reservation-id="${id}"]`)?.scrollIntoView({ block: "center" })
  }
  const reservations = list.data?.reservations ?? []
  const tableName = (id: string) => plan.data?.plan.tables.find((x) => x.id === id)?.name ?? id
  const describeMoves = (moves: Move[]) =>
    moves.length === 0
      ? ""
      : `${t("moved")}: ${moves
          .map((m) => `${reservations.find((r) => r.id === m.reservation_id)?.name ?? m.reservation_id} ${m.from_table_ids.map(tableName).join("+")} → ${m.to_table_ids.map(tableName).join("+")}`)
          .join("; ")}`
  const points = (occupancy.data?.points ?? []).filter((p) => p.guests > 0 || (p.time >= "11:00" && p.time <= "23:45"))
  const peak = Math.max(1, ...points.map((p) => p.guests))
  const days = covers.data?.days ?? []
  const peakDay = Math.max(1, ...days.map((d) => d.covers))
  const csv = `/admin/reservations/export?${new URLSearchParams(params).toString()}`
  return (
    <Container className="flex flex-col gap-y-3">
      <div className="flex gap-x-3 items-end">
        <div>
          <Label htmlFor="res-status">{t("status")}</Label>
          <select id="res-status" className="border rounded p-1" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t("all")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>{t(`status_${s}`)}</option>
            ))}
          </select>
        </div>
        <div>
          <Label htmlFor="res-area-filter">{t("area")}</Label>
          <select id="res-area-filter" className="border rounded p-1" value={areaFilter} onChange={(e) => setAreaFilter(e.target.value)}>
            <option value="">{t("all")}</option>
            {(plan.data?.plan.areas ?? []).map((a) => (
              <option key={a.id} value={a.id}>{a.name}</option>
            ))}
          </select>
        </div>
        <div>
          <Label htmlFor="res-search">{t("search")}</Label>
          <Input id="res-search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <a className="underline" href={csv}>{t("csv")}</a>
      </div>
      {error && <Text className="text-ui-fg-error" data-res-day-message>{error}</Text>}
      <NewBooking location={location} date={date} tables={plan.data?.plan.tables ?? []} describeMoves={describeMoves} onDone={() => void refresh()} />
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>{t("time")}</Table.HeaderCell>
            <Table.HeaderCell>{t("guests")}</Table.HeaderCell>
            <Table.HeaderCell>{t("name")}</Table.HeaderCell>
            <Table.HeaderCell>{t("tables")}</Table.HeaderCell>
            <Table.HeaderCell>{t("status")}</Table.HeaderCell>
            <Table.HeaderCell>{t("actions")}</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {reservations.map((r) => (
            <Table.Row key={r.id} data-reservation-id={r.id} data-highlighted={picked === r.id ? "true" : undefined} style={picked === r.id ? { background: "#fef3c7" } : undefined}>
              <Table.Cell>{localTime(r.starts_at, location.time_zone)}–{localTime(r.ends_at, location.time_zone)}</Table.Cell>
              <Table.Cell>{r.party_size}</Table.Cell>
              <Table.Cell>
                {r.name} {r.no_shows > 0 && <Badge color="red">{r.no_shows} {t("flagged")}</Badge>}
              </Table.Cell>
              <Table.Cell>
                {r.pinned && r.table_ids.length > 0 && <Badge>{t("pinnedBadge")}</Badge>}{" "}
                {r.table_ids.length ? r.table_ids.map(tableName).join(" + ") : t("unassigned")}{" "}
                {r.moved_from_table_ids.length > 0 && (
                  <Badge color="orange" data-moved-from title={r.moved_at ? localTime(r.moved_at, location.time_zone) : undefined}>
                    {t("movedFrom")} {r.moved_from_table_ids.map(tableName).join(" + ")}
                  </Badge>
                )}
              </Table.Cell>
              <Table.Cell><Badge>{t(`status_${r.status}`)}</Badge></Table.Cell>
              <Table.Cell className="flex gap-x-1">
                {r.status === "confirmed" && <Button size="small" variant="secondary" onClick={() => act(r.id, "seated")}>{t("seat")}</Button>}
                {r.status === "seated" && <Button size="small" variant="secondary" onClick={() => act(r.id, "finished")}>{t("finish")}</Button>}
                {r.status === "confirmed" && (
                  <ConfirmButton size="small" variant="secondary" title={t("noShowTitle", { name: r.name })} description={t("noShowText")} confirmLabel={t("noShow")} onConfirm={() => act(r.id, "no_show")}>
                    {t("noShow")}
                  </ConfirmButton>
                )}
                {(r.status === "confirmed" || r.status === "seated") && (
                  <ConfirmButton size="small" title={t("cancelTitle", { name: r.name })} description={t("cancelText")} confirmLabel={t("cancel")} cancelLabel={t("keep")} onConfirm={() => act(r.id, "cancelled")}>
                    {t("cancel")}
                  </ConfirmButton>
                )}
                {(r.status === "confirmed" || r.status === "seated") && r.table_ids.length > 0 && (
                  <Button size="small" variant="secondary" data-pin={r.pinned ? "pinned" : "free"} onClick={() => pin(r)}>{r.pinned ? t("unpin") : t("pin")}</Button>
                )}
                {r.no_shows > 0 && (r.email || r.phone) && <Button size="small" variant="secondary" onClick={() => lift(r)}>{t("liftBlock")}</Button>}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {list.data?.reservations.length === 0 && <EmptyState title={t("none")} hint={t("noneHint")} />}
      <Timeline location={location} date={date} plan={plan.data?.plan} reservations={reservations} opening={settings.data?.settings.opening_hours ?? []} picked={picked} onPick={pick} />
      <Heading level="h2">{t("occupancy")}</Heading>
      <div className="flex items-end gap-x-px h-32" aria-label={t("occupancy")}>
        {points.map((p) => (
          <div key={p.time} title={`${p.time}: ${p.guests}`} style={{ height: `${(p.guests / peak) * 100}%`, width: 6, background: "#60a5fa" }} />
        ))}
      </div>
      <Heading level="h2">{t("coversMonth")}</Heading>
      <div className="flex items-end gap-x-1 h-32" aria-label={t("coversMonth")} data-testid="res-covers">
        {days.map((d) => (
          <div key={d.date} data-covers-day={d.date} title={`${d.date}: ${d.covers} ${t("guests")}, ${d.reservations} ${t("title")}, ${d.no_shows} ${t("flagged")}`}
            style={{ height: `${(d.covers / peakDay) * 100}%`, width: 14, background: d.date === date ? "#2563eb" : "#93c5fd" }} />
        ))}
      </div>
    </Container>
  )
}

/** The floor-plan editor: a palette of shapes, tables dragged, resized and rotated, tables joined into combinations. */
const FloorPlan = ({ location, date }: { location: Location; date: string }) => {
  const t = useT(messages)
  const { client } = useMedusa()
  const plan = usePlan(location)
  const [mode, setMode] = useState<"edit" | "live">("edit")
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
      setMessage(t("saved"))
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
  const saveArea = async (id: string, change: Partial<Area>) => {
    try {
      await client.admin.custom.post(`/reservations/areas/${id}`, change)
      setMessage(t("saved"))
      await plan.refetch()
    } catch (e) {
      setMessage(errorText(e))
    }
  }
  const tables = (plan.data?.plan.tables ?? []).filter((x) => x.area_id === areaId).map((x) => ({ ...x, ...local[x.id] }))
  const one = selected.length === 1 ? tables.find((x) => x.id === selected[0]) : undefined
  const area = areas.find((x) => x.id === areaId)
  const modeSwitch = (
    <div className="flex gap-x-2">
      <Button size="small" variant={mode === "edit" ? "primary" : "secondary"} onClick={() => setMode("edit")}>{t("edit")}</Button>
      <Button size="small" variant={mode === "live" ? "primary" : "secondary"} onClick={() => setMode("live")}>{t("live")}</Button>
    </div>
  )
  if (mode === "live") {
    return (
      <Container className="flex flex-col gap-y-3">
        {modeSwitch}
        <LiveFloor location={location} date={date} areaId={areaId} setAreaId={setAreaId} />
      </Container>
    )
  }
  return (
    <Container className="flex flex-col gap-y-3">
      {modeSwitch}
      <div className="flex gap-x-3 items-end flex-wrap">
        <div>
          <Label htmlFor="res-area">{t("area")}</Label>
          <select id="res-area" className="border rounded p-1" value={areaId} onChange={(e) => setAreaId(e.target.value)}>
            {areas.map((a) => (
              <option key={a.id} value={a.id}>{a.name}</option>
            ))}
          </select>
        </div>
        <div>
          <Label htmlFor="res-new-area">{t("newArea")}</Label>
          <Input id="res-new-area" value={areaName} onChange={(e) => setAreaName(e.target.value)} />
        </div>
        <Button variant="secondary" onClick={addArea}>{t("addArea")}</Button>
        <Text>{t("addTable")}:</Text>
        <Button variant="secondary" onClick={() => addTable("square")}>{t("square")}</Button>
        <Button variant="secondary" onClick={() => addTable("round")}>{t("round")}</Button>
        <Button variant="secondary" onClick={() => addTable("rect")}>{t("rect")}</Button>
        <Button variant="secondary" disabled={!one} onClick={() => one && save(one.id, { rotation: (one.rotation + 15) % 360 })}>{t("rotate")}</Button>
        <Button variant="secondary" disabled={selected.length < 2} onClick={join}>{t("join")}</Button>
      </div>
      <div className="flex gap-x-6 flex-wrap">
        {area && (
          <span className="flex gap-x-3">
            <strong>{area.name}:</strong>
            <label className="flex gap-x-1 items-center"><input type="checkbox" data-area-active checked={area.active} onChange={(e) => saveArea(area.id, { active: e.target.checked })} /> {t("bookable")}</label>
            <label className="flex gap-x-1 items-center"><input type="checkbox" data-area-online checked={area.online} onChange={(e) => saveArea(area.id, { online: e.target.checked })} /> {t("onlineBookable")}</label>
          </span>
        )}
        {one && (
          <span className="flex gap-x-3">
            <strong>{one.name}:</strong>
            <label className="flex gap-x-1 items-center"><input type="checkbox" data-table-active checked={one.active} onChange={(e) => save(one.id, { active: e.target.checked })} /> {t("bookable")}</label>
            <label className="flex gap-x-1 items-center"><input type="checkbox" data-table-online checked={one.online} onChange={(e) => save(one.id, { online: e.target.checked })} /> {t("onlineBookable")}</label>
          </span>
        )}
      </div>
      <Text className="text-ui-fg-subtle">{t("selectHint")}</Text>
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
              <span>{x.min_seats}–{x.max_seats} {t("seats")}</span>
              <span>{x.active ? t(x.state) : "—"}</span>
            </div>
          </Rnd>
        ))}
      </div>
      <Heading level="h2">{t("combos")}</Heading>
      <ul>
        {(plan.data?.plan.combinations ?? []).map((c) => (
          <li key={c.id}>
            {c.table_ids.map((id) => plan.data?.plan.tables.find((x) => x.id === id)?.name ?? id).join(" + ")} ({c.min_seats}–{c.max_seats} {t("seats")})
          </li>
        ))}
      </ul>
      {plan.data && <RulesEditor location={location} plan={plan.data.plan} onChange={() => void plan.refetch()} />}
    </Container>
  )
}


/** Local `HH:MM` now in `zone`. */
const nowIn = (zone: string) => new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date())

/**
 * The floor plan live: every table free, reserved or seated at the chosen time
 * (default now), with the booking holding it. A booking dragged from its table
 * or from the day's list onto another table is reassigned through
 * `/admin/reservations/:id/assign`; a refusal shows the server's text and the
 * booking stays where it was.
 */
const LiveFloor = ({ location, date, areaId, setAreaId }: { location: Location; date: string; areaId: string; setAreaId: (id: string) => void }) => {
  const t = useT(messages)
  const { client } = useMedusa()
  const zone = location.time_zone
  const [time, setTime] = useState(() => (date === today(zone) ? nowIn(zone) : "19:00"))
  const at = instantIn(date, time, zone)
  const plan = usePlan(location, at)
  const list = useAdminCustomQuery<Record<string, string>, { reservations: Reservation[] }>(
    "/reservations", ["reservations", JSON.stringify({ location_id: location.id, date })], { location_id: location.id, date }
  )
  const [message, setMessage] = useState<string | null>(null)
  const [pending, setPending] = useState<{ id: string; table_id: string } | null>(null)
  const areas = plan.data?.plan.areas ?? []
  useEffect(() => {
    if (!areaId && areas.length) setAreaId(areas[0].id)
  }, [areas, areaId, setAreaId])
  const reservations = list.data?.reservations ?? []
  const byId = new Map(reservations.map((r) => [r.id, r]))
  const tableName = (id: string) => plan.data?.plan.tables.find((x) => x.id === id)?.name ?? id
  const drop = async (reservationId: string, tableId: string) => {
    const r = byId.get(reservationId)
    if (!r || (r.table_ids.length === 1 && r.table_ids[0] === tableId)) return
    setMessage(null)
    setPending({ id: reservationId, table_id: tableId })
    try {
      await client.admin.custom.post(`/reservations/${reservationId}/assign`, { table_ids: [tableId] })
      setMessage(`${t("reassigned")}: ${r.name} → ${tableName(tableId)}`)
    } catch (e) {
      setMessage(errorText(e))
    } finally {
      setPending(null)
      await Promise.all([plan.refetch(), list.refetch()])
    }
  }
  const chip = (id: string, party: number, source: string) => {
    const r = byId.get(id)
    return (
      <span
        key={id}
        draggable
        data-live-booking={id}
        data-from={source}
        onDragStart={(e) => {
          e.dataTransfer.setData("text/plain", id)
          e.dataTransfer.effectAllowed = "move"
        }}
        style={{ background: "#fff", border: "1px solid #555", borderRadius: 4, padding: "0 4px", fontSize: 12, cursor: "grab", whiteSpace: "nowrap" }}
      >
        {r ? `${localTime(r.starts_at, zone)} ${r.name}` : "…"} · {party}
      </span>
    )
  }
  const tables = (plan.data?.plan.tables ?? []).filter((x) => x.area_id === areaId)
  const holding = (x: PlanTable): { id: string; party: number }[] => {
    const moved = pending && pending.table_id === x.id ? [{ id: pending.id, party: byId.get(pending.id)?.party_size ?? 0 }] : []
    const own = x.current && x.current.reservation_id !== pending?.id ? [{ id: x.current.reservation_id, party: x.current.party_size }] : []
    return [...own, ...moved]
  }
  const open = reservations.filter((r) => r.status === "confirmed" || r.status === "seated")
  return (
    <div className="flex flex-col gap-y-3">
      <div className="flex gap-x-3 items-end flex-wrap">
        <div>
          <Label htmlFor="res-live-area">{t("area")}</Label>
          <select id="res-live-area" className="border rounded p-1" value={areaId} onChange={(e) => setAreaId(e.target.value)}>
            {areas.map((a) => (
              <option key={a.id} value={a.id}>{a.name}</option>
            ))}
          </select>
        </div>
        <div>
          <Label htmlFor="res-live-time">{t("at")}</Label>
          <Input id="res-live-time" type="time" value={time} onChange={(e) => e.target.value && setTime(e.target.value)} />
        </div>
        <span className="flex gap-x-2 items-center">
          {(["free", "reserved", "seated"] as const).map((st) => (
            <span key={st} className="flex gap-x-1 items-center"><span style={{ width: 12, height: 12, background: stateColor(st), display: "inline-block" }} /> {t(st)}</span>
          ))}
        </span>
      </div>
      {message && <Text data-res-live-message>{message}</Text>}
      <div className="flex gap-x-3">
        <div id="res-live-floor" style={{ position: "relative", width: 1000, height: 600, border: "1px solid #ccc", background: "#fafafa", flexShrink: 0 }}>
          {tables.map((x) => (
            <div
              key={x.id}
              data-live-table={x.id}
              data-state={x.state}
              onDragOver={(e) => {
                e.preventDefault()
                e.dataTransfer.dropEffect = "move"
              }}
              onDrop={(e) => {
                e.preventDefault()
                const id = e.dataTransfer.getData("text/plain")
                if (id) void drop(id, x.id)
              }}
              style={{
                position: "absolute", left: x.x, top: x.y, width: x.width, height: x.height, transform: `rotate(${x.rotation}deg)`,
                background: x.active ? stateColor(x.state) : "#e5e7eb", borderRadius: x.shape === "round" ? "50%" : 6, border: "1px solid #555",
                display: "flex", alignItems: "center", justifyContent: "center", flexDirection: "column", gap: 2, userSelect: "none",
              }}
            >
              <strong>{x.name}</strong>
              <span style={{ fontSize: 11 }}>{t(x.state)}</span>
              {holding(x).map((h) => chip(h.id, h.party, x.id))}
            </div>
          ))}
        </div>
        <div className="flex flex-col gap-y-1" data-testid="res-live-list">
          <Text weight="plus">{t("dayBookings")}</Text>
          {open.length === 0 && <EmptyState title={t("none")} hint={t("noneHint")} />}
          {open.map((r) => (
            <div key={r.id} className="flex gap-x-2 items-center" data-day-booking={r.id}>
              {chip(r.id, r.party_size, "list")}
              <span className="text-ui-fg-subtle" style={{ fontSize: 12 }}>{r.table_ids.length ? r.table_ids.map(tableName).join(" + ") : t("unassigned")}</span>
            </div>
          ))}
        </div>
      </div>
    </div>
  )
}

/** Time rules of a location: open or close the location, an area or a table by weekday, time window and date range. */
const RulesEditor = ({ location, plan, onChange }: { location: Location; plan: Plan; onChange: () => void }) => {
  const t = useT(messages)
  const { client } = useMedusa()
  const empty = { target: "", effect: "closed" as Rule["effect"], weekdays: "", start_time: "", end_time: "", from_date: "", to_date: "" }
  const [f, setF] = useState(empty)
  const [message, setMessage] = useState<string | null>(null)
  const targetName = (r: Rule) =>
    r.table_id ? plan.tables.find((x) => x.id === r.table_id)?.name ?? r.table_id : r.area_id ? plan.areas.find((x) => x.id === r.area_id)?.name ?? r.area_id : t("wholeLocation")
  const add = async () => {
    const days = f.weekdays.split(",").map((x) => x.trim()).filter(Boolean).map(Number)
    if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
      setMessage(t("badWeekdays"))
      return
    }
    const [kind, id] = f.target.split(":")
    try {
      await client.admin.custom.post("/reservations/rules", {
        location_id: location.id, effect: f.effect,
        ...(kind === "area" ? { area_id: id } : kind === "table" ? { table_id: id } : {}),
        ...(days.length ? { weekdays: days } : {}),
        ...(f.start_time ? { start_time: f.start_time } : {}), ...(f.end_time ? { end_time: f.end_time } : {}),
        ...(f.from_date ? { from_date: f.from_date } : {}), ...(f.to_date ? { to_date: f.to_date } : {}),
      })
      setF(empty)
      setMessage(t("saved"))
      onChange()
    } catch (e) {
      setMessage(errorText(e))
    }
  }
  const remove = async (id: string) => {
    try {
      await client.admin.custom.delete(`/reservations/rules/${id}`)
      onChange()
    } catch (e) {
      setMessage(errorText(e))
    }
  }
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value })
  return (
    <div className="flex flex-col gap-y-2" data-testid="res-rules">
      <Heading level="h2">{t("rules")}</Heading>
      <ul>
        {plan.rules.map((r) => (
          <li key={r.id} className="flex gap-x-2 items-center">
            <span>
              {targetName(r)}: {t(`effect_${r.effect}`)}
              {r.weekdays ? ` · ${r.weekdays.join(",")}` : ""}
              {r.start_time || r.end_time ? ` · ${r.start_time ?? "00:00"}–${r.end_time ?? "24:00"}` : ""}
              {r.from_date || r.to_date ? ` · ${r.from_date ?? "…"} – ${r.to_date ?? "…"}` : ""}
            </span>
            <ConfirmButton size="small" variant="secondary" title={t("removeRuleTitle")} description={t("removeRuleText")} confirmLabel={t("remove")} onConfirm={() => remove(r.id)}>
              {t("remove")}
            </ConfirmButton>
          </li>
        ))}
      </ul>
      <div className="flex gap-x-2 items-end flex-wrap">
        <div>
          <Label htmlFor="rr-target">{t("ruleTarget")}</Label>
          <select id="rr-target" className="border rounded p-1" value={f.target} onChange={set("target")}>
            <option value="">{t("wholeLocation")}</option>
            {plan.areas.map((a) => (
              <option key={a.id} value={`area:${a.id}`}>{t("area")}: {a.name}</option>
            ))}
            {plan.tables.map((x) => (
              <option key={x.id} value={`table:${x.id}`}>{x.name}</option>
            ))}
          </select>
        </div>
        <div>
          <Label htmlFor="rr-effect">{t("effect")}</Label>
          <select id="rr-effect" className="border rounded p-1" value={f.effect} onChange={set("effect")}>
            {EFFECTS.map((k) => (
              <option key={k} value={k}>{t(`effect_${k}`)}</option>
            ))}
          </select>
        </div>
        <div><Label htmlFor="rr-weekdays">{t("weekdays")}</Label><Input id="rr-weekdays" value={f.weekdays} onChange={set("weekdays")} /></div>
        <div><Label htmlFor="rr-start">{t("from")}</Label><Input id="rr-start" type="time" value={f.start_time} onChange={set("start_time")} /></div>
        <div><Label htmlFor="rr-end">{t("until")}</Label><Input id="rr-end" type="time" value={f.end_time} onChange={set("end_time")} /></div>
        <div><Label htmlFor="rr-from">{t("fromDate")}</Label><Input id="rr-from" type="date" value={f.from_date} onChange={set("from_date")} /></div>
        <div><Label htmlFor="rr-to">{t("toDate")}</Label><Input id="rr-to" type="date" value={f.to_date} onChange={set("to_date")} /></div>
        <Button variant="secondary" onClick={add}>{t("addRule")}</Button>
      </div>
      {message && <Text>{message}</Text>}
    </div>
  )
}

const ReservationsPage = () => {
  const t = useT(messages)
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
        <Heading level="h1">{t("title")}</Heading>
        <div>
          <Label htmlFor="res-location">{t("location")}</Label>
          <select id="res-location" className="border rounded p-1" value={location?.id ?? ""} onChange={(e) => setLocationId(e.target.value)}>
            {(locations.data?.locations ?? []).map((l) => (
              <option key={l.id} value={l.id}>{l.name}</option>
            ))}
          </select>
        </div>
        <div>
          <Label htmlFor="res-date">{t("date")}</Label>
          <Input id="res-date" type="date" value={day} onChange={(e) => setDate(e.target.value)} />
        </div>
        <Button variant={tab === "day" ? "primary" : "secondary"} onClick={() => setTab("day")}>{t("day")}</Button>
        <Button variant={tab === "floor" ? "primary" : "secondary"} onClick={() => setTab("floor")}>{t("floor")}</Button>
        <Button variant={tab === "settings" ? "primary" : "secondary"} onClick={() => setTab("settings")}>{t("settings")}</Button>
      </Container>
      {location && settings.isError && <EmptyState title={t("setupTitle")} hint={t("setup")} />}
      {location && tab === "day" && <DayList key={`${location.id}${day}`} location={location} date={day} />}
      {location && tab === "floor" && <FloorPlan key={location.id} location={location} date={day} />}
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

// The sidebar link in the admin's language (the literal above is what the admin build checks).
localizeLink(config, { de: "Reservierungen", en: "Reservations", pt: "Reservas" })

export default ReservationsPage
