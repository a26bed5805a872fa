import type { RouteConfig } from "@medusajs/admin"
import { ChatBubbleLeftRight } from "@medusajs/icons"
import { Badge, Button, Checkbox, Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { FormEvent, useCallback, useEffect, useState } from "react"

import { currentAdminLocale, localizeLink, PageHeader } from "@customer-modules/admin-kit"

import type { Definition } from "../../../shared/rules"
import { draftOf, Editor, newDraft, type Draft } from "../../components/editor"
import { adminFetch, texts } from "../../components/texts"

type QuestionnaireRow = { id: string; title: string; version: number; responses: number; updated_at: string }
type TerminalRow = {
  terminal: { id: string; name: string; location_id: string; last_seen_at: string | null }
  settings: { questionnaire_ids: string[]; rotate_minutes: number | null; windows: { weekday: number; from: string; to: string; questionnaire_id: string }[]; idle_seconds: number; press_interval_ms: number; show_last_check: boolean }
  showing: { questionnaire_id: string | null; title: string | null; reason: string; until: string | null }
  time_zone: string
}
type QuestionResult = { id: string; type: string; title: string; answered: number; counts?: Record<string, number>; average?: number | null; nps?: number | null; texts?: { text: string; answered_at: string }[] }
type Results = { responses: number; questions: QuestionResult[]; days: { day: string; responses: number }[] }
type ChecklistRow = { id: string; location_id: string; name: string; interval_minutes: number | null; overdue_email: string | null; last_check: { staff: { name: string }; checked_at: string } | null; overdue: boolean; due_at: string | null }
type CheckRow = { id: string; checklist_name: string; staff: { name: string }; checked_at: string; items: string[] }
type Location = { id: string; name: string; time_zone: string }

/** Loads `path` and reloads it when `deps` change; `reload` for after a change. */
function useLoad<R>(path: string | null): { data: R | null; error: string | null; reload: () => void } {
  const [state, setState] = useState<{ data: R | null; error: string | null }>({ data: null, error: null })
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (!path) return
    let alive = true
    adminFetch<R>("GET", path)
      .then((data) => alive && setState({ data, error: null }))
      .catch((e: Error) => alive && setState({ data: null, error: e.message }))
    return () => {
      alive = false
    }
  }, [path, tick])
  return { ...state, reload: useCallback(() => setTick((n) => n + 1), []) }
}

const Questionnaires = () => {
  const t = texts()
  const list = useLoad<{ questionnaires: QuestionnaireRow[] }>("/feedback/questionnaires")
  const [draft, setDraft] = useState<Draft | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const open = async (id: string) => {
    const { questionnaire } = await adminFetch<{ questionnaire: { id: string; title: string; definition: Definition } }>("GET", `/feedback/questionnaires/${id}`)
    setDraft(draftOf(questionnaire.id, questionnaire.title, questionnaire.definition))
  }
  return (
    <>
      <Container className="mb-4">
        <div className="flex items-center justify-between">
          <Heading level="h2">{t.tab_questionnaires}</Heading>
          <Button variant="secondary" onClick={() => { setSaved(null); setDraft(newDraft()) }}>{t.new_questionnaire}</Button>
        </div>
        {saved && <Text role="status" data-testid="fb-saved">{saved}</Text>}
        {list.error && <Text className="text-ui-fg-error">{list.error}</Text>}
        <Table className="my-2">
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t.name}</Table.HeaderCell>
              <Table.HeaderCell>{t.version}</Table.HeaderCell>
              <Table.HeaderCell>{t.responses}</Table.HeaderCell>
              <Table.HeaderCell>id</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {(list.data?.questionnaires ?? []).map((q) => (
              <Table.Row key={q.id} data-questionnaire={q.id}>
                <Table.Cell>{q.title}</Table.Cell>
                <Table.Cell>{q.version}</Table.Cell>
                <Table.Cell>{q.responses}</Table.Cell>
                <Table.Cell><code>{q.id}</code></Table.Cell>
                <Table.Cell><Button variant="transparent" size="small" onClick={() => void open(q.id)}>{t.edit}</Button></Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Container>
      {draft && (
        <Editor
          key={draft.id ?? "new"}
          initial={draft}
          onSaved={(id, version) => {
            setSaved(`${t.saved} ${version} (${id})`)
            list.reload()
          }}
        />
      )}
    </>
  )
}

const TabletRow = ({ row, onSaved }: { row: TerminalRow; onSaved: () => void }) => {
  const t = texts()
  const [ids, setIds] = useState(row.settings.questionnaire_ids.join(", "))
  const [rotate, setRotate] = useState(row.settings.rotate_minutes ? String(row.settings.rotate_minutes) : "")
  const [windows, setWindows] = useState(row.settings.windows.map((w) => `${w.weekday} ${w.from} ${w.to} ${w.questionnaire_id}`).join("\n"))
  const [idle, setIdle] = useState(String(row.settings.idle_seconds))
  const [press, setPress] = useState(String(row.settings.press_interval_ms))
  const [showLast, setShowLast] = useState(row.settings.show_last_check)
  const [error, setError] = useState<string | null>(null)
  const [key, setKey] = useState("")
  const [pairing, setPairing] = useState<{ code: string; expires_at: string; url: string; qr: string } | null>(null)
  const showPairing = async () => {
    setError(null)
    try {
      const { pairing: made } = await adminFetch<{ pairing: { code: string; expires_at: string; url: string; qr: string } }>("POST", `/feedback/terminals/${row.terminal.id}/pairing`, {})
      setPairing(made)
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    try {
      await adminFetch("PUT", `/feedback/terminals/${row.terminal.id}`, {
        questionnaire_ids: ids.split(/[\s,]+/).filter(Boolean),
        rotate_minutes: rotate.trim() ? Number(rotate) : null,
        windows: windows.split("\n").map((l) => l.trim()).filter(Boolean).map((l) => {
          const [weekday, from, to, questionnaire_id] = l.split(/\s+/)
          return { weekday: Number(weekday), from, to, questionnaire_id }
        }),
        idle_seconds: Number(idle),
        press_interval_ms: Number(press),
        show_last_check: showLast,
      })
      onSaved()
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const p = `fb-t-${row.terminal.id}`
  return (
    <Container className="mb-3" data-terminal={row.terminal.id}>
      <Heading level="h3">{row.terminal.name}</Heading>
      <Text>
        {t.shows_now}: <b>{row.showing.title ?? t.none}</b> ({row.showing.reason}{row.showing.until ? ` → ${new Date(row.showing.until).toLocaleTimeString()}` : ""}) · {row.time_zone}
      </Text>
      <form onSubmit={(e) => void submit(e)} className="mt-2 grid grid-cols-2 gap-2">
        <div><Label htmlFor={`${p}-ids`}>{t.questionnaires_shown}</Label><Input id={`${p}-ids`} value={ids} onChange={(e) => setIds(e.target.value)} /></div>
        <div><Label htmlFor={`${p}-rotate`}>{t.rotate_minutes}</Label><Input id={`${p}-rotate`} type="number" min={1} value={rotate} onChange={(e) => setRotate(e.target.value)} /></div>
        <div className="col-span-2">
          <Label htmlFor={`${p}-windows`}>{t.windows}</Label>
          <textarea id={`${p}-windows`} className="bg-ui-bg-field border-ui-border-base block w-full rounded-md border p-2" rows={2} value={windows} onChange={(e) => setWindows(e.target.value)} />
        </div>
        <div><Label htmlFor={`${p}-idle`}>{t.idle_seconds}</Label><Input id={`${p}-idle`} type="number" min={5} value={idle} onChange={(e) => setIdle(e.target.value)} /></div>
        <div><Label htmlFor={`${p}-press`}>{t.press_interval}</Label><Input id={`${p}-press`} type="number" min={0} value={press} onChange={(e) => setPress(e.target.value)} /></div>
        <div className="flex items-center gap-2"><Checkbox id={`${p}-last`} checked={showLast} onCheckedChange={(v) => setShowLast(v === true)} /><Label htmlFor={`${p}-last`}>{t.show_last_check}</Label></div>
        <div><Button type="submit">{t.assign}</Button></div>
      </form>
      {error && <Text className="text-ui-fg-error">{error}</Text>}
      <div className="mt-2 flex items-end gap-2">
        <div className="flex-1"><Label htmlFor={`${p}-key`}>{t.pair_key}</Label><Input id={`${p}-key`} type="password" value={key} onChange={(e) => setKey(e.target.value)} /></div>
        {key && <a className="text-ui-fg-interactive" href={`/feedback/app#key=${encodeURIComponent(key)}`} target="_blank" rel="noreferrer">{t.pair_link}</a>}
        <Button type="button" variant="secondary" onClick={() => void showPairing()}>{t.pair_code}</Button>
      </div>
      {pairing && (
        <div className="mt-2 flex items-center gap-4" data-testid="fb-pairing">
          <img src={pairing.qr} alt={pairing.url} width={160} height={160} data-testid="fb-pairing-qr" />
          <div>
            <Text>{`${t.pair_code_hint} ${new Date(pairing.expires_at).toLocaleTimeString()}:`}</Text>
            <Text size="xlarge" weight="plus" className="font-mono" data-testid="fb-pairing-code">{pairing.code}</Text>
            <Text size="small" className="text-ui-fg-subtle">{t.pair_code_note}</Text>
          </div>
        </div>
      )}
    </Container>
  )
}

const Tablets = () => {
  const t = texts()
  const list = useLoad<{ terminals: TerminalRow[] }>("/feedback/terminals")
  return (
    <div>
      {list.error && <Text className="text-ui-fg-error">{list.error}</Text>}
      {list.data && !list.data.terminals.length && <Container><Text>{t.no_tablets}</Text></Container>}
      {(list.data?.terminals ?? []).map((row) => <TabletRow key={row.terminal.id} row={row} onSaved={list.reload} />)}
    </div>
  )
}

/** Responses per day as bars (SVG, no chart library needed). */
const DayChart = ({ days }: { days: Results["days"] }) => {
  const max = Math.max(1, ...days.map((d) => d.responses))
  const w = Math.max(300, days.length * 28)
  return (
    <svg width={w} height={140} role="img" aria-label="chart" data-testid="fb-chart">
      {days.map((d, i) => {
        const h = Math.round((d.responses / max) * 100)
        return (
          <g key={d.day}>
            <rect x={i * 28 + 4} y={110 - h} width={20} height={h} fill="#1f6f5c"><title>{`${d.day}: ${d.responses}`}</title></rect>
            <text x={i * 28 + 14} y={125} fontSize={8} textAnchor="middle">{d.day.slice(5)}</text>
            <text x={i * 28 + 14} y={106 - h} fontSize={9} textAnchor="middle">{d.responses}</text>
          </g>
        )
      })}
    </svg>
  )
}

const Distribution = ({ q }: { q: QuestionResult }) => {
  const entries = Object.entries(q.counts ?? {}).sort(([a], [b]) => (Number.isNaN(Number(a)) ? a.localeCompare(b) : Number(a) - Number(b)))
  const max = Math.max(1, ...entries.map(([, n]) => n))
  return (
    <div className="ml-2">
      {entries.map(([value, n]) => (
        <div key={value} className="flex items-center gap-2">
          <span className="w-16 text-right">{value}</span>
          <span style={{ display: "inline-block", height: 10, width: `${(n / max) * 240}px`, background: "#1f6f5c" }} />
          <span>{n}</span>
        </div>
      ))}
    </div>
  )
}

type Alert = { email: string; locale: "de" | "en" | "pt"; threshold_percent: number; window_minutes: number; min_responses: number; active: boolean }

/** The bad-rating alert of one questionnaire. */
const AlertForm = ({ id }: { id: string }) => {
  const t = texts()
  const current = useLoad<{ alert: Alert | null }>(`/feedback/questionnaires/${id}/alert`)
  const [form, setForm] = useState<Alert | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const value: Alert = form ?? current.data?.alert ?? { email: "", locale: adminLocaleForMail(), threshold_percent: 30, window_minutes: 60, min_responses: 5, active: true }
  const set = (patch: Partial<Alert>) => setForm({ ...value, ...patch })
  const save = async (e: FormEvent) => {
    e.preventDefault()
    try {
      await adminFetch("PUT", `/feedback/questionnaires/${id}/alert`, value)
      setMessage(t.alert_saved)
    } catch (err) {
      setMessage((err as Error).message)
    }
  }
  return (
    <form onSubmit={(e) => void save(e)} className="border-ui-border-base mt-3 flex flex-wrap items-end gap-2 border-t pt-2">
      <Text className="w-full" weight="plus">{t.alert}</Text>
      <div><Label htmlFor="fb-a-email">{t.alert_email}</Label><Input id="fb-a-email" type="email" value={value.email} onChange={(e) => set({ email: e.target.value })} required /></div>
      <div>
        <Label htmlFor="fb-a-locale">de/en/pt</Label>
        <select id="fb-a-locale" className="bg-ui-bg-field border-ui-border-base block rounded-md border p-2" value={value.locale} onChange={(e) => set({ locale: e.target.value as Alert["locale"] })}>
          {(["de", "en", "pt"] as const).map((l) => <option key={l} value={l}>{l}</option>)}
        </select>
      </div>
      <div><Label htmlFor="fb-a-threshold">{t.alert_threshold}</Label><Input id="fb-a-threshold" type="number" min={1} max={100} value={value.threshold_percent} onChange={(e) => set({ threshold_percent: Number(e.target.value) })} /></div>
      <div><Label htmlFor="fb-a-window">{t.alert_window}</Label><Input id="fb-a-window" type="number" min={1} value={value.window_minutes} onChange={(e) => set({ window_minutes: Number(e.target.value) })} /></div>
      <div><Label htmlFor="fb-a-min">{t.alert_min}</Label><Input id="fb-a-min" type="number" min={1} value={value.min_responses} onChange={(e) => set({ min_responses: Number(e.target.value) })} /></div>
      <Button type="submit" variant="secondary">{t.alert_save}</Button>
      {message && <Text role="status">{message}</Text>}
    </form>
  )
}

const adminLocaleForMail = (): "de" | "en" | "pt" => currentAdminLocale()

const ResultsView = () => {
  const t = texts()
  const list = useLoad<{ questionnaires: QuestionnaireRow[] }>("/feedback/questionnaires")
  const locations = useLoad<{ locations: Location[] }>("/pos/locations")
  const [id, setId] = useState("")
  const [from, setFrom] = useState("")
  const [to, setTo] = useState("")
  const [location, setLocation] = useState("")
  const [terminal, setTerminal] = useState("")
  const tablets = useLoad<{ terminals: TerminalRow[] }>("/feedback/terminals")
  const [live, setLive] = useState(0)
  const chosen = id || list.data?.questionnaires[0]?.id || ""
  const query = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}), ...(location ? { location_id: location } : {}), ...(terminal ? { terminal_id: terminal } : {}) }).toString()
  const results = useLoad<Results>(chosen ? `/feedback/questionnaires/${chosen}/results${query ? `?${query}` : ""}` : null)
  const { reload } = results
  useEffect(() => {
    if (!chosen) return
    // Real time: every committed response to this questionnaire reloads the figures.
    const source = new EventSource(`/admin/feedback/stream?questionnaire_id=${encodeURIComponent(chosen)}`, { withCredentials: true })
    source.addEventListener("response", () => {
      setLive((n) => n + 1)
      reload()
    })
    return () => source.close()
  }, [chosen, reload])
  return (
    <Container>
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <Label htmlFor="fb-r-q">{t.tab_questionnaires}</Label>
          <select id="fb-r-q" className="bg-ui-bg-field border-ui-border-base block rounded-md border p-2" value={chosen} onChange={(e) => setId(e.target.value)}>
            {(list.data?.questionnaires ?? []).map((q) => <option key={q.id} value={q.id}>{q.title}</option>)}
          </select>
        </div>
        <div>
          <Label htmlFor="fb-r-loc">{t.location}</Label>
          <select id="fb-r-loc" className="bg-ui-bg-field border-ui-border-base block rounded-md border p-2" value={location} onChange={(e) => setLocation(e.target.value)}>
            <option value="">{t.all}</option>
            {(locations.data?.locations ?? []).map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
        </div>
        <div>
          <Label htmlFor="fb-r-term">{t.terminal}</Label>
          <select id="fb-r-term" className="bg-ui-bg-field border-ui-border-base block rounded-md border p-2" value={terminal} onChange={(e) => setTerminal(e.target.value)}>
            <option value="">{t.all_tablets}</option>
            {(tablets.data?.terminals ?? []).filter((r) => !location || r.terminal.location_id === location).map((r) => <option key={r.terminal.id} value={r.terminal.id}>{r.terminal.name}</option>)}
          </select>
        </div>
        <div><Label htmlFor="fb-r-from">{t.from}</Label><Input id="fb-r-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></div>
        <div><Label htmlFor="fb-r-to">{t.to}</Label><Input id="fb-r-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} /></div>
        {chosen && <a className="text-ui-fg-interactive" href={`/admin/feedback/questionnaires/${chosen}/export${query ? `?${query}` : ""}`}>{t.export_csv}</a>}
        <Badge color="green">{`${t.live} · ${live}`}</Badge>
      </div>
      {results.error && <Text className="text-ui-fg-error">{results.error}</Text>}
      {results.data && (
        <div className="mt-3">
          <Text>{t.responses}: <b data-testid="fb-responses">{results.data.responses}</b></Text>
          <Heading level="h3" className="mt-2">{t.per_day}</Heading>
          <DayChart days={results.data.days} />
          {chosen && <AlertForm key={chosen} id={chosen} />}
          {results.data.questions.map((q) => (
            <div key={q.id} className="border-ui-border-base mt-3 border-t pt-2" data-result={q.id}>
              <Text weight="plus">{q.title} <span className="text-ui-fg-subtle">({q.type})</span></Text>
              <Text>
                {q.answered} {t.answered}
                {q.average !== undefined && q.average !== null ? ` · ${t.average} ${q.average}` : ""}
                {q.nps !== undefined && q.nps !== null ? ` · ${t.nps} ${q.nps}` : ""}
              </Text>
              {q.counts && <Distribution q={q} />}
              {q.texts && q.texts.length > 0 && (
                <ul className="ml-4 list-disc">
                  {q.texts.map((x, i) => <li key={i}><Text>{`${new Date(x.answered_at).toLocaleString()}: ${x.text}`}</Text></li>)}
                </ul>
              )}
            </div>
          ))}
        </div>
      )}
    </Container>
  )
}

/** Whom a checklist mails when overdue (empty: no mail), saved in the merchant's language. */
const OverdueMail = ({ row, onSaved }: { row: ChecklistRow; onSaved: () => void }) => {
  const t = texts()
  const [value, setValue] = useState(row.overdue_email ?? "")
  const [error, setError] = useState<string | null>(null)
  const save = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    try {
      await adminFetch("PUT", `/feedback/checklists/${row.id}`, { overdue_email: value.trim() || null, overdue_locale: adminLocaleForMail() })
      onSaved()
    } catch (err) {
      setError((err as Error).message)
    }
  }
  return (
    <form onSubmit={(e) => void save(e)} className="flex items-center gap-1">
      <Input aria-label={t.overdue_email} type="email" size="small" value={value} onChange={(e) => setValue(e.target.value)} />
      <Button type="submit" size="small" variant="secondary">{t.save_short}</Button>
      {error && <Text className="text-ui-fg-error">{error}</Text>}
    </form>
  )
}

const Checks = () => {
  const t = texts()
  const locations = useLoad<{ locations: Location[] }>("/pos/locations")
  const checklists = useLoad<{ checklists: ChecklistRow[] }>("/feedback/checklists")
  const log = useLoad<{ checks: CheckRow[] }>("/feedback/checks")
  const [locationId, setLocationId] = useState("")
  const [name, setName] = useState("")
  const [interval, setInterval] = useState("")
  const [items, setItems] = useState("")
  const [overdueEmail, setOverdueEmail] = useState("")
  const [hours, setHours] = useState("")
  const [showLast, setShowLast] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const create = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    try {
      await adminFetch("POST", "/feedback/checklists", {
        location_id: locationId || locations.data?.locations[0]?.id,
        name: name.trim(),
        ...(interval ? { interval_minutes: Number(interval) } : {}),
        items: items.split("\n").map((l) => l.trim()).filter(Boolean).map((label, i) => ({ id: `i${i + 1}`, label })),
        ...(overdueEmail.trim() ? { overdue_email: overdueEmail.trim(), overdue_locale: adminLocaleForMail() } : {}),
        opening_hours: hours.split("\n").map((l) => l.trim()).filter(Boolean).map((l) => {
          const [weekday, open, close] = l.split(/\s+/)
          return { weekday: Number(weekday), open, close }
        }),
        show_last: showLast,
      })
      setHours("")
      setName("")
      setOverdueEmail("")
      setItems("")
      checklists.reload()
    } catch (err) {
      setError((err as Error).message)
    }
  }
  return (
    <>
      <Container className="mb-4">
        <Heading level="h2">{t.checklists}</Heading>
        <Table className="my-2">
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t.name}</Table.HeaderCell>
              <Table.HeaderCell>{t.interval}</Table.HeaderCell>
              <Table.HeaderCell>{t.last_check}</Table.HeaderCell>
              <Table.HeaderCell />
              <Table.HeaderCell>{t.overdue_mail_to}</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {(checklists.data?.checklists ?? []).map((c) => (
              <Table.Row key={c.id} data-checklist={c.id}>
                <Table.Cell>{c.name}</Table.Cell>
                <Table.Cell>{c.interval_minutes ?? ""}</Table.Cell>
                <Table.Cell>{c.last_check ? `${new Date(c.last_check.checked_at).toLocaleString()} · ${c.last_check.staff.name}` : t.none}</Table.Cell>
                <Table.Cell>{c.interval_minutes ? <Badge color={c.overdue ? "red" : "green"}>{c.overdue ? t.overdue : t.on_time}</Badge> : null}</Table.Cell>
                <Table.Cell><OverdueMail row={c} onSaved={checklists.reload} /></Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
        <form onSubmit={(e) => void create(e)} className="mt-2 grid grid-cols-2 gap-2">
          <div>
            <Label htmlFor="fb-cl-loc">{t.location}</Label>
            <select id="fb-cl-loc" className="bg-ui-bg-field border-ui-border-base block w-full rounded-md border p-2" value={locationId} onChange={(e) => setLocationId(e.target.value)}>
              {(locations.data?.locations ?? []).map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
            </select>
          </div>
          <div><Label htmlFor="fb-cl-name">{t.name}</Label><Input id="fb-cl-name" value={name} onChange={(e) => setName(e.target.value)} required /></div>
          <div><Label htmlFor="fb-cl-interval">{t.interval}</Label><Input id="fb-cl-interval" type="number" min={1} value={interval} onChange={(e) => setInterval(e.target.value)} /></div>
          <div>
            <Label htmlFor="fb-cl-items">{t.items}</Label>
            <textarea id="fb-cl-items" className="bg-ui-bg-field border-ui-border-base block w-full rounded-md border p-2" rows={2} value={items} onChange={(e) => setItems(e.target.value)} />
          </div>
          <div>
            <Label htmlFor="fb-cl-hours">{t.opening_hours}</Label>
            <textarea id="fb-cl-hours" className="bg-ui-bg-field border-ui-border-base block w-full rounded-md border p-2" rows={2} value={hours} onChange={(e) => setHours(e.target.value)} />
          </div>
          <div className="flex items-center gap-2"><Checkbox id="fb-cl-last" checked={showLast} onCheckedChange={(v) => setShowLast(v === true)} /><Label htmlFor="fb-cl-last">{t.show_last}</Label></div>
          <div><Label htmlFor="fb-cl-mail">{t.overdue_email}</Label><Input id="fb-cl-mail" type="email" value={overdueEmail} onChange={(e) => setOverdueEmail(e.target.value)} /></div>
          <div><Button type="submit">{t.new_checklist}</Button></div>
        </form>
        {error && <Text className="text-ui-fg-error">{error}</Text>}
      </Container>
      <Container>
        <div className="flex items-center justify-between">
          <Heading level="h2">{t.check_log}</Heading>
          <a className="text-ui-fg-interactive" href="/admin/feedback/checks?format=csv">{t.export_csv}</a>
        </div>
        <Table className="my-2">
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t.when}</Table.HeaderCell>
              <Table.HeaderCell>{t.checklists}</Table.HeaderCell>
              <Table.HeaderCell>{t.staff}</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {(log.data?.checks ?? []).slice(0, 200).map((c) => (
              <Table.Row key={c.id}>
                <Table.Cell>{new Date(c.checked_at).toLocaleString()}</Table.Cell>
                <Table.Cell>{c.checklist_name}</Table.Cell>
                <Table.Cell>{c.staff.name}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Container>
    </>
  )
}

type Plan = {
  shifts: { id: string; name: string; starts_at: string; ends_at: string; checks: CheckRow[]; responses: number }[]
  outside_shifts: CheckRow[]
  gaps: { checklist_id: string; name: string; from: string; to: string; minutes: number }[]
}

const ShiftPlan = () => {
  const t = texts()
  const locations = useLoad<{ locations: Location[] }>("/pos/locations")
  const today = new Date().toISOString().slice(0, 10)
  const [locationId, setLocationId] = useState("")
  const [day, setDay] = useState(today)
  const [csv, setCsv] = useState("")
  const [shift, setShift] = useState({ name: "", starts: "", ends: "" })
  const addShift = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    try {
      // datetime-local is the admin's local time; the server stores instants.
      await adminFetch("POST", "/feedback/shifts", { location_id: loc, name: shift.name.trim(), starts_at: new Date(shift.starts).toISOString(), ends_at: new Date(shift.ends).toISOString() })
      setShift({ name: "", starts: "", ends: "" })
      plan.reload()
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const [error, setError] = useState<string | null>(null)
  const loc = locationId || locations.data?.locations[0]?.id || ""
  const next = new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10)
  const plan = useLoad<Plan>(loc && day ? `/feedback/plan?location_id=${loc}&from=${day}&to=${next}` : null)
  const importCsv = async () => {
    setError(null)
    try {
      for (const line of csv.split("\n").map((l) => l.trim()).filter(Boolean)) {
        const [name, starts_at, ends_at] = line.split(",").map((c) => c.trim())
        if (name === "name") continue
        await adminFetch("POST", "/feedback/shifts", { location_id: loc, name, starts_at, ends_at })
      }
      setCsv("")
      plan.reload()
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
  return (
    <Container>
      <div className="flex items-end gap-2">
        <div>
          <Label htmlFor="fb-p-loc">{t.location}</Label>
          <select id="fb-p-loc" className="bg-ui-bg-field border-ui-border-base block rounded-md border p-2" value={loc} onChange={(e) => setLocationId(e.target.value)}>
            {(locations.data?.locations ?? []).map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
        </div>
        <div><Label htmlFor="fb-p-day">{t.when}</Label><Input id="fb-p-day" type="date" value={day} onChange={(e) => setDay(e.target.value)} /></div>
      </div>
      {plan.error && <Text className="text-ui-fg-error">{plan.error}</Text>}
      <Heading level="h3" className="mt-3">{t.shifts}</Heading>
      {(plan.data?.shifts ?? []).map((s) => (
        <div key={s.id} className="border-ui-border-base my-2 rounded-md border p-2">
          <Text weight="plus">{`${s.name} · ${time(s.starts_at)}–${time(s.ends_at)} · ${t.responses}: ${s.responses}`}</Text>
          <Text>{s.checks.length ? s.checks.map((c) => `${time(c.checked_at)} ${c.checklist_name} (${c.staff.name})`).join(" · ") : t.none}</Text>
        </div>
      ))}
      <Heading level="h3" className="mt-3">{t.gaps}</Heading>
      <Text>{plan.data?.gaps.length ? plan.data.gaps.map((g) => `${g.name}: ${time(g.from)}–${time(g.to)} (${g.minutes} ${t.minutes})`).join(" · ") : t.none}</Text>
      <Heading level="h3" className="mt-3">{t.outside}</Heading>
      <Text>{plan.data?.outside_shifts.length ? plan.data.outside_shifts.map((c) => `${time(c.checked_at)} ${c.checklist_name} (${c.staff.name})`).join(" · ") : t.none}</Text>
      <form onSubmit={(e) => void addShift(e)} className="mt-3 flex flex-wrap items-end gap-2">
        <div><Label htmlFor="fb-s-name">{t.shift_name}</Label><Input id="fb-s-name" value={shift.name} onChange={(e) => setShift({ ...shift, name: e.target.value })} required /></div>
        <div><Label htmlFor="fb-s-starts">{t.starts}</Label><Input id="fb-s-starts" type="datetime-local" value={shift.starts} onChange={(e) => setShift({ ...shift, starts: e.target.value })} required /></div>
        <div><Label htmlFor="fb-s-ends">{t.ends}</Label><Input id="fb-s-ends" type="datetime-local" value={shift.ends} onChange={(e) => setShift({ ...shift, ends: e.target.value })} required /></div>
        <Button type="submit" variant="secondary">{t.add_shift}</Button>
      </form>
      <div className="mt-3">
        <Label htmlFor="fb-p-csv">{t.import_csv}</Label>
        <textarea id="fb-p-csv" className="bg-ui-bg-field border-ui-border-base block w-full rounded-md border p-2" rows={3} value={csv} onChange={(e) => setCsv(e.target.value)} placeholder="Anna,2026-03-02T06:00:00+01:00,2026-03-02T14:00:00+01:00" />
        <Button className="mt-2" variant="secondary" onClick={() => void importCsv()}>{t.import}</Button>
        {error && <Text className="text-ui-fg-error">{error}</Text>}
      </div>
    </Container>
  )
}

const TABS = ["questionnaires", "tablets", "results", "checks", "plan"] as const

/** The "Feedback" page: questionnaire editor, tablets, results (live), checklists and check log, shift plan. */
const FeedbackPage = () => {
  const t = texts()
  const [tab, setTab] = useState<(typeof TABS)[number]>("questionnaires")
  const label = { questionnaires: t.tab_questionnaires, tablets: t.tab_tablets, results: t.tab_results, checks: t.tab_checks, plan: t.tab_plan }
  return (
    <div>
      <PageHeader title={t.title} intro={t.intro}>
        <div className="mt-2 flex gap-2" role="tablist">
          {TABS.map((name) => (
            <Button key={name} role="tab" aria-selected={tab === name} variant={tab === name ? "primary" : "secondary"} size="small" onClick={() => setTab(name)}>
              {label[name]}
            </Button>
          ))}
        </div>
      </PageHeader>
      {tab === "questionnaires" && <Questionnaires />}
      {tab === "tablets" && <Tablets />}
      {tab === "results" && <ResultsView />}
      {tab === "checks" && <Checks />}
      {tab === "plan" && <ShiftPlan />}
    </div>
  )
}

export const config: RouteConfig = {
  link: {
    label: "Feedback",
    icon: ChatBubbleLeftRight,
  },
}

// The sidebar link in the admin's language (the literal above is what the admin build checks).
localizeLink(config, { de: "Feedback", en: "Feedback", pt: "Feedback" })

export default FeedbackPage
