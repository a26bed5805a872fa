import { Badge, Button, Checkbox, Container, Heading, Input, Label, Text, Textarea } from "@medusajs/ui"
import { useAdminCustomQuery, useMedusa } from "medusa-react"
import { FormEvent, useState } from "react"

import { AmountInput, ConfirmButton, EmptyState, errorText, Money, PagedTable, useAdminPost, useT } from "@customer-modules/admin-kit"
import type { Json } from "@customer-modules/admin-kit"

import { messages } from "./messages"
import { CategoriesEditor, categoriesOut, categoryDrafts, questionDrafts, QuestionsEditor, questionsOut } from "./template-lists"
import type { CategoryDraft, QuestionDraft } from "./template-lists"
import type { Venue } from "./venues-section"
import type { Template as TemplateRow } from "../../../types"

/** A template as the admin API answers it. */
export type Template = Json<TemplateRow>

type Draft = {
  title: string
  description: string
  image_url: string
  venue_id: string
  duration_minutes: string
  capacity: string
  price: number | null
  currency_code: string
  waitlist: boolean
  min_participants: string
  questions: QuestionDraft[]
  price_categories: CategoryDraft[]
  confirmation: string
  reminder: string
}

const emptyDraft = (): Draft => ({
  title: "",
  description: "",
  image_url: "",
  venue_id: "",
  duration_minutes: "120",
  capacity: "10",
  price: 0,
  currency_code: "EUR",
  waitlist: false,
  min_participants: "",
  questions: [],
  price_categories: [],
  confirmation: "",
  reminder: "",
})

const draftOf = (x: Template): Draft => ({
  title: x.title,
  description: x.description ?? "",
  image_url: x.image_url ?? "",
  venue_id: x.venue_id ?? "",
  duration_minutes: String(x.duration_minutes),
  capacity: String(x.capacity),
  price: x.price,
  currency_code: x.currency_code.toUpperCase(),
  waitlist: x.waitlist,
  min_participants: x.min_participants ? String(x.min_participants) : "",
  questions: questionDrafts(x),
  price_categories: categoryDrafts(x),
  confirmation: x.mail_texts?.confirmation ?? "",
  reminder: x.mail_texts?.reminder ?? "",
})

/** The template form: a new template, or the one being edited. */
const TemplateForm = ({ template, venues, onDone }: { template: Template | null; venues: Venue[]; onDone: () => void }) => {
  const t = useT(messages)
  const [d, setD] = useState<Draft>(template ? draftOf(template) : emptyDraft())
  const [problem, setProblem] = useState<string | null>(null)
  const save = useAdminPost<Record<string, unknown>, { template: Template }>(template ? `/events/templates/${template.id}` : "/events/templates")
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setProblem(null)
    const questions = questionsOut(d.questions, t)
    if ("problem" in questions) {
      setProblem(questions.problem)
      return
    }
    const categories = categoriesOut(d.price_categories, t)
    if ("problem" in categories) {
      setProblem(categories.problem)
      return
    }
    if (d.price === null) {
      setProblem(t("badAmount"))
      return
    }
    const mail_texts: Record<string, string> = {}
    if (d.confirmation.trim()) mail_texts.confirmation = d.confirmation.trim()
    if (d.reminder.trim()) mail_texts.reminder = d.reminder.trim()
    void save.mutate(
      {
        title: d.title,
        description: d.description.trim() || null,
        image_url: d.image_url.trim() || null,
        venue_id: d.venue_id || null,
        duration_minutes: Number(d.duration_minutes),
        capacity: Number(d.capacity),
        price: d.price,
        currency_code: d.currency_code,
        waitlist: d.waitlist,
        min_participants: d.min_participants ? Number(d.min_participants) : null,
        questions: questions.value,
        price_categories: categories.value,
        mail_texts,
      },
      { onSuccess: onDone }
    )
  }
  return (
    <form onSubmit={submit} className="grid grid-cols-2 gap-3 my-3" data-testid="event-template-form">
      <Heading level="h3" className="col-span-2">{template ? t("editTemplate", { title: template.title }) : t("newTemplate")}</Heading>
      <div><Label htmlFor="ev-tpl-title">{t("templateTitle")}</Label><Input id="ev-tpl-title" value={d.title} onChange={(e) => setD({ ...d, title: e.target.value })} required maxLength={200} /></div>
      <div>
        <Label htmlFor="ev-tpl-venue">{t("venue")}</Label>
        <select id="ev-tpl-venue" className="border rounded p-1 w-full" value={d.venue_id} onChange={(e) => setD({ ...d, venue_id: e.target.value })}>
          <option value="">{t("none")}</option>
          {venues.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
        </select>
      </div>
      <div className="col-span-2"><Label htmlFor="ev-tpl-description">{t("description")}</Label><Textarea id="ev-tpl-description" value={d.description} onChange={(e) => setD({ ...d, description: e.target.value })} rows={3} /></div>
      <div><Label htmlFor="ev-tpl-image">{t("imageUrl")}</Label><Input id="ev-tpl-image" type="url" value={d.image_url} onChange={(e) => setD({ ...d, image_url: e.target.value })} /></div>
      <div><Label htmlFor="ev-tpl-duration">{t("duration")}</Label><Input id="ev-tpl-duration" type="number" min={1} value={d.duration_minutes} onChange={(e) => setD({ ...d, duration_minutes: e.target.value })} required /></div>
      <div><Label htmlFor="ev-tpl-capacity">{t("capacity")}</Label><Input id="ev-tpl-capacity" type="number" min={1} value={d.capacity} onChange={(e) => setD({ ...d, capacity: e.target.value })} required /></div>
      <div><Label htmlFor="ev-tpl-min">{t("minParticipants")}</Label><Input id="ev-tpl-min" type="number" min={1} value={d.min_participants} onChange={(e) => setD({ ...d, min_participants: e.target.value })} /></div>
      <div><Label htmlFor="ev-tpl-currency">{t("currency")}</Label><Input id="ev-tpl-currency" value={d.currency_code} maxLength={3} onChange={(e) => setD({ ...d, currency_code: e.target.value.toUpperCase() })} required /></div>
      <div><Label htmlFor="ev-tpl-price">{t("price")}</Label><AmountInput id="ev-tpl-price" currency={d.currency_code || "EUR"} value={d.price} onChange={(price) => setD({ ...d, price })} /></div>
      <div className="flex items-center gap-2 col-span-2"><Checkbox id="ev-tpl-waitlist" checked={d.waitlist} onCheckedChange={(v) => setD({ ...d, waitlist: v === true })} /><Label htmlFor="ev-tpl-waitlist">{t("waitlist")}</Label></div>
      <QuestionsEditor rows={d.questions} onChange={(questions) => setD({ ...d, questions })} />
      <CategoriesEditor rows={d.price_categories} currency={d.currency_code || "EUR"} onChange={(price_categories) => setD({ ...d, price_categories })} />
      <div><Label htmlFor="ev-tpl-confirmation">{t("confirmationText")}</Label><Textarea id="ev-tpl-confirmation" value={d.confirmation} onChange={(e) => setD({ ...d, confirmation: e.target.value })} rows={2} /></div>
      <div><Label htmlFor="ev-tpl-reminder">{t("reminderText")}</Label><Textarea id="ev-tpl-reminder" value={d.reminder} onChange={(e) => setD({ ...d, reminder: e.target.value })} rows={2} /></div>
      <div className="col-span-2 flex gap-2">
        <Button type="submit" isLoading={save.isLoading}>{template ? t("save") : t("create")}</Button>
        {template && <Button type="button" variant="secondary" onClick={onDone}>{t("cancel")}</Button>}
      </div>
      {(problem || save.isError) && <Text className="col-span-2 text-ui-fg-error">{problem ?? errorText(save.error)}</Text>}
    </form>
  )
}

type PreviewDate = { local_start: string; local_end: string; starts_at: string; ends_at: string }
type Mode = "one" | "weekly" | "list"

/**
 * One date or a series from a template: one date, weekly on weekdays until a
 * date, or a list of dates, at a local start time in the venue's zone. The
 * preview shows the local dates (and their UTC instants) before anything is made.
 */
export const SeriesForm = ({ templates, venues, fixed, onCreated }: { templates: Template[]; venues: Venue[]; fixed?: Template; onCreated: (count: number) => void }) => {
  const t = useT(messages)
  const [templateId, setTemplateId] = useState(fixed?.id ?? "")
  const [venueId, setVenueId] = useState("")
  const [time, setTime] = useState("18:00")
  const [mode, setMode] = useState<Mode>("one")
  const [day, setDay] = useState("")
  const [weekdays, setWeekdays] = useState<number[]>([])
  const [from, setFrom] = useState("")
  const [until, setUntil] = useState("")
  const [list, setList] = useState("")
  const [publish, setPublish] = useState(false)
  const [preview, setPreview] = useState<{ venue: Venue; dates: PreviewDate[] } | null>(null)
  const [previewError, setPreviewError] = useState<string | null>(null)
  const { client } = useMedusa()
  const create = useAdminPost<Record<string, unknown>, { events: unknown[] }>(`/events/templates/${templateId || "none"}/events`)
  const body = (): Record<string, unknown> => {
    const b: Record<string, unknown> = { time, published: publish }
    if (venueId) b.venue_id = venueId
    if (mode === "one") b.dates = day ? [day] : []
    else if (mode === "weekly") b.weekly = { weekdays, from, until }
    else b.dates = list.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean)
    return b
  }
  const changed = <T,>(set: (v: T) => void) => (v: T) => {
    set(v)
    setPreview(null)
    create.reset()
  }
  const showPreview = async () => {
    setPreviewError(null)
    try {
      setPreview((await client.admin.custom.post(`/events/templates/${templateId}/events/preview`, body())) as { venue: Venue; dates: PreviewDate[] })
    } catch (e) {
      setPreview(null)
      setPreviewError(errorText(e))
    }
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void create.mutate(body(), {
      onSuccess: (answer) => {
        setPreview(null)
        onCreated(answer.events.length)
      },
    })
  }
  const chosen = fixed ?? templates.find((x) => x.id === templateId)
  return (
    <form onSubmit={submit} className="grid grid-cols-2 gap-3 my-3" data-testid="event-series-form">
      <Heading level="h3" className="col-span-2">{fixed ? t("datesFrom", { title: fixed.title }) : t("fromTemplate")}</Heading>
      {!fixed && (
        <div>
          <Label htmlFor="ev-series-template">{t("template")}</Label>
          <select id="ev-series-template" className="border rounded p-1 w-full" value={templateId} onChange={(e) => changed(setTemplateId)(e.target.value)} required>
            <option value="">{t("none")}</option>
            {templates.map((x) => <option key={x.id} value={x.id}>{x.title}</option>)}
          </select>
        </div>
      )}
      <div>
        <Label htmlFor="ev-series-venue">{t("venue")}</Label>
        <select id="ev-series-venue" className="border rounded p-1 w-full" value={venueId} onChange={(e) => changed(setVenueId)(e.target.value)}>
          <option value="">{chosen?.venue_id ? `${t("templateVenue")} (${venues.find((v) => v.id === chosen.venue_id)?.name ?? ""})` : t("none")}</option>
          {venues.map((v) => <option key={v.id} value={v.id}>{v.name} ({v.time_zone})</option>)}
        </select>
      </div>
      <div><Label htmlFor="ev-series-time">{t("time")}</Label><Input id="ev-series-time" type="time" value={time} onChange={(e) => changed(setTime)(e.target.value)} required /></div>
      <fieldset className="col-span-2 flex gap-4" aria-label={t("mode")}>
        {(["one", "weekly", "list"] as const).map((m) => (
          <label key={m} className="flex items-center gap-1">
            <input type="radio" name="ev-series-mode" value={m} checked={mode === m} onChange={() => changed(setMode)(m)} />
            {t(m === "one" ? "modeOne" : m === "weekly" ? "modeWeekly" : "modeList")}
          </label>
        ))}
      </fieldset>
      {mode === "one" && <div><Label htmlFor="ev-series-day">{t("day")}</Label><Input id="ev-series-day" type="date" value={day} onChange={(e) => changed(setDay)(e.target.value)} required /></div>}
      {mode === "weekly" && (
        <>
          <div className="col-span-2 flex gap-3">
            {[1, 2, 3, 4, 5, 6, 7].map((n) => (
              <label key={n} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  name={`ev-series-weekday-${n}`}
                  checked={weekdays.includes(n)}
                  onChange={(e) => changed(setWeekdays)(e.target.checked ? [...weekdays, n].sort() : weekdays.filter((x) => x !== n))}
                />
                {t(`weekday${n}` as "weekday1")}
              </label>
            ))}
          </div>
          <div><Label htmlFor="ev-series-from">{t("from")}</Label><Input id="ev-series-from" type="date" value={from} onChange={(e) => changed(setFrom)(e.target.value)} required /></div>
          <div><Label htmlFor="ev-series-until">{t("until")}</Label><Input id="ev-series-until" type="date" value={until} onChange={(e) => changed(setUntil)(e.target.value)} required /></div>
        </>
      )}
      {mode === "list" && <div className="col-span-2"><Label htmlFor="ev-series-list">{t("list")}</Label><Textarea id="ev-series-list" value={list} onChange={(e) => changed(setList)(e.target.value)} rows={3} required /></div>}
      <div className="flex items-center gap-2 col-span-2"><Checkbox id="ev-series-publish" checked={publish} onCheckedChange={(v) => changed(setPublish)(v === true)} /><Label htmlFor="ev-series-publish">{t("publish")}</Label></div>
      <div className="col-span-2 flex gap-2">
        <Button type="button" variant="secondary" disabled={!templateId} onClick={() => void showPreview()}>{t("preview")}</Button>
        <Button type="submit" disabled={!templateId} isLoading={create.isLoading}>{t("createDates")}</Button>
      </div>
      {previewError && <Text className="col-span-2 text-ui-fg-error">{previewError}</Text>}
      {preview && (
        <div className="col-span-2" data-testid="event-series-preview">
          <Text weight="plus">{t("previewTitle", { count: preview.dates.length, zone: preview.venue.time_zone })}</Text>
          <ul className="list-disc pl-5">
            {preview.dates.map((x) => (
              <li key={x.starts_at}>
                {x.local_start.replace("T", " ")} – {x.local_end.slice(11)} <span className="text-ui-fg-subtle">({x.starts_at.slice(0, 16).replace("T", " ")} UTC)</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {create.isSuccess && create.data && <Text className="col-span-2" data-testid="event-series-created">{t("created", { count: create.data.events.length })}</Text>}
      {create.isError && <Text className="col-span-2 text-ui-fg-error">{errorText(create.error)}</Text>}
    </form>
  )
}

/** Templates: list, create, edit, delete (asked first; refused once dates were made from it), and dates from a template. */
export const TemplatesSection = ({ onDatesCreated }: { onDatesCreated: () => void }) => {
  const t = useT(messages)
  const { client } = useMedusa()
  const templates = useAdminCustomQuery<Record<string, never>, { templates: Template[] }>("/events/templates", ["event-templates"])
  const venues = useAdminCustomQuery<Record<string, never>, { venues: Venue[] }>("/events/venues", ["event-venues"])
  const [editing, setEditing] = useState<Template | null>(null)
  const [series, setSeries] = useState<Template | null>(null)
  const [formKey, setFormKey] = useState(0)
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null)
  const venueList = venues.data?.venues ?? []
  const done = () => {
    setEditing(null)
    setFormKey((k) => k + 1)
    setNote({ ok: true, text: t("saved") })
    void templates.refetch()
  }
  const remove = async (x: Template) => {
    try {
      await client.admin.custom.delete(`/events/templates/${x.id}`)
      setNote({ ok: true, text: t("deleted") })
      void templates.refetch()
    } catch (e) {
      setNote({ ok: false, text: errorText(e) })
    }
  }
  return (
    <Container className="mb-4" data-testid="event-templates">
      <Heading level="h2">{t("templatesTitle")}</Heading>
      {templates.isError && <Text className="text-ui-fg-error">{t("loadFailed", { error: errorText(templates.error) })}</Text>}
      <PagedTable
        rows={templates.data?.templates ?? []}
        rowKey={(x) => x.id}
        isLoading={templates.isLoading}
        rowProps={(x) => ({ "data-template-title": x.title })}
        empty={<EmptyState title={t("noTemplatesTitle")} hint={t("noTemplatesHint")} />}
        columns={[
          { key: "title", header: t("templateTitle"), cell: (x) => x.title },
          { key: "venue", header: t("venue"), cell: (x) => venueList.find((v) => v.id === x.venue_id)?.name ?? "" },
          { key: "duration", header: t("duration"), cell: (x) => x.duration_minutes },
          { key: "capacity", header: t("capacity"), cell: (x) => x.capacity },
          { key: "price", header: t("price"), cell: (x) => <Money amount={x.price} currency={x.currency_code} /> },
          { key: "waitlist", header: t("waitlist"), cell: (x) => <Badge>{x.waitlist ? t("yes") : t("no")}</Badge> },
          {
            key: "actions",
            header: "",
            cell: (x) => (
              <div className="flex gap-1">
                <Button size="small" onClick={() => setSeries(x)}>{t("createDates")}</Button>
                <Button size="small" variant="secondary" onClick={() => setEditing(x)}>{t("edit")}</Button>
                <ConfirmButton size="small" title={t("deleteTemplateTitle", { title: x.title })} description={t("deleteTemplateText")} confirmLabel={t("delete")} onConfirm={() => remove(x)}>
                  {t("delete")}
                </ConfirmButton>
              </div>
            ),
          },
        ]}
      />
      {note && <Text className={note.ok ? "text-ui-fg-subtle" : "text-ui-fg-error"} data-testid="event-templates-note">{note.text}</Text>}
      {series && <SeriesForm key={series.id} templates={templates.data?.templates ?? []} venues={venueList} fixed={series} onCreated={onDatesCreated} />}
      <TemplateForm key={editing ? editing.id : `new-${formKey}`} template={editing} venues={venueList} onDone={done} />
    </Container>
  )
}
