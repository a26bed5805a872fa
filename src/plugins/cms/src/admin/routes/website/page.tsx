import type { RouteConfig } from "@medusajs/admin"
import { Window } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Text, Textarea } from "@medusajs/ui"
import { useAdminCustomDelete, useAdminCustomPost, useAdminCustomQuery } from "medusa-react"
import { DragEvent, useEffect, useState } from "react"

import { localizeLink, useAdminLocale } from "@customer-modules/admin-kit"

type News = { id: string; title: string; body: string; valid_from: string | null; valid_until: string | null; locale: string | null; location_ids: string[]; pinned: boolean; status: "draft" | "published"; image_url: string | null }
type Faq = { id: string; question: string; answer: string; category: string | null; position: number; locale: string | null; status: "draft" | "published" }
type Settings = { allowed_origins: string[]; time_zone: string }

const TEXTS = {
  de: {
    title: "Website", snippet: "Einbinden (in den <head> der Seite)", elements: "Elemente", shortcodes: "WordPress-Shortcodes", download: "WordPress-Plugin herunterladen",
    origins: "Erlaubte Ursprünge (eine pro Zeile)", originsHint: "Diese Seiten dürfen Inhalte laden und Buchungsseiten einbetten.", save: "Speichern", saved: "Gespeichert",
    news: "Neuigkeiten", faq: "FAQ", newNews: "Neue Meldung", newFaq: "Neue Frage", titleField: "Titel", body: "Text (Markdown)", preview: "Vorschau",
    from: "Gültig ab", until: "Gültig bis", pinned: "Angeheftet", draft: "Entwurf", published: "Veröffentlicht", edit: "Bearbeiten", remove: "Löschen",
    question: "Frage", answer: "Antwort (Markdown)", category: "Kategorie", dragHint: "Zum Sortieren ziehen", livePreview: "Live-Vorschau der Website", locale: "Sprache (leer: alle)", image: "Bild",
    dropImage: "Bild hierher ziehen oder auswählen (PNG, JPEG, GIF, WebP, bis 5 MB)", chooseImage: "Datei auswählen", removeImage: "Bild entfernen", uploading: "Wird hochgeladen …",
    locations: "Standorte (keiner gewählt: alle)", sitePreview: "Vorschau wie auf der Website", close: "Schließen", confirmRemove: "Wirklich löschen?", cancel: "Abbrechen", events: "Veranstaltungen",
    imageType: "Nur PNG-, JPEG-, GIF- oder WebP-Bilder.", imageSize: "Das Bild ist zu groß (höchstens 5 MB).", imageFailed: "Das Bild konnte nicht hochgeladen werden.",
  },
  en: {
    title: "Website", snippet: "Embed (in the page's <head>)", elements: "Elements", shortcodes: "WordPress shortcodes", download: "Download the WordPress plugin",
    origins: "Allowed origins (one per line)", originsHint: "These sites may load content and embed the booking pages.", save: "Save", saved: "Saved",
    news: "News", faq: "FAQ", newNews: "New item", newFaq: "New question", titleField: "Title", body: "Text (Markdown)", preview: "Preview",
    from: "Valid from", until: "Valid until", pinned: "Pinned", draft: "Draft", published: "Published", edit: "Edit", remove: "Delete",
    question: "Question", answer: "Answer (Markdown)", category: "Category", dragHint: "Drag to reorder", livePreview: "Live preview of the website", locale: "Language (empty: all)", image: "Image",
    dropImage: "Drop an image here or choose one (PNG, JPEG, GIF, WebP, up to 5 MB)", chooseImage: "Choose a file", removeImage: "Remove image", uploading: "Uploading …",
    locations: "Locations (none chosen: all)", sitePreview: "Preview as on the website", close: "Close", confirmRemove: "Really delete?", cancel: "Cancel", events: "Events",
    imageType: "Only PNG, JPEG, GIF or WebP images.", imageSize: "The image is too large (at most 5 MB).", imageFailed: "The image could not be uploaded.",
  },
  pt: {
    title: "Website", snippet: "Incorporar (no <head> da página)", elements: "Elementos", shortcodes: "Shortcodes do WordPress", download: "Descarregar o plugin WordPress",
    origins: "Origens permitidas (uma por linha)", originsHint: "Estes sites podem carregar conteúdos e incorporar as páginas de reserva.", save: "Guardar", saved: "Guardado",
    news: "Novidades", faq: "FAQ", newNews: "Nova notícia", newFaq: "Nova pergunta", titleField: "Título", body: "Texto (Markdown)", preview: "Pré-visualização",
    from: "Válido desde", until: "Válido até", pinned: "Fixado", draft: "Rascunho", published: "Publicado", edit: "Editar", remove: "Eliminar",
    question: "Pergunta", answer: "Resposta (Markdown)", category: "Categoria", dragHint: "Arraste para ordenar", livePreview: "Pré-visualização do website", locale: "Idioma (vazio: todos)", image: "Imagem",
    dropImage: "Arraste uma imagem para aqui ou escolha uma (PNG, JPEG, GIF, WebP, até 5 MB)", chooseImage: "Escolher ficheiro", removeImage: "Remover imagem", uploading: "A carregar …",
    locations: "Locais (nenhum escolhido: todos)", sitePreview: "Pré-visualização como no website", close: "Fechar", confirmRemove: "Eliminar mesmo?", cancel: "Cancelar", events: "Eventos",
    imageType: "Apenas imagens PNG, JPEG, GIF ou WebP.", imageSize: "A imagem é demasiado grande (no máximo 5 MB).", imageFailed: "Não foi possível carregar a imagem.",
  },
}
type T = (typeof TEXTS)["en"]
/** The texts in the language the merchant chose in Medusa's admin (admin-kit). */
const useTexts = (): T => TEXTS[useAdminLocale()]
const origin = typeof window === "undefined" ? "" : window.location.origin

/** Markdown as the website will show it, from the server's own sanitiser. */
const Preview = ({ markdown }: { markdown: string }) => {
  const preview = useAdminCustomPost<{ markdown: string }, { html: string }>("/cms/preview", ["cms-preview"])
  const [html, setHtml] = useState("")
  useEffect(() => {
    const timer = setTimeout(() => preview.mutate({ markdown }, { onSuccess: (r) => setHtml(r.html) }), 250)
    return () => clearTimeout(timer)
  }, [markdown])
  // The HTML comes sanitised from the server (same rules as the website).
  return <div className="prose border-ui-border-base rounded border p-3" data-cms-preview dangerouslySetInnerHTML={{ __html: html }} />
}

/**
 * The news image: dropped or picked, uploaded through the server's file service
 * (`POST /admin/cms/images`, images only, size-checked there), shown as a preview.
 */
const ImageField = ({ url, onChange }: { url: string; onChange: (url: string) => void }) => {
  const t = useTexts()
  const [busy, setBusy] = useState(false)
  const [over, setOver] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const send = async (file: File | undefined) => {
    if (!file) return
    setError(null)
    setBusy(true)
    try {
      const form = new FormData()
      form.append("file", file, file.name)
      const res = await fetch("/admin/cms/images", { method: "POST", body: form, credentials: "include" })
      if (res.status === 201) {
        onChange(((await res.json()) as { image: { url: string } }).image.url)
      } else {
        setError(res.status === 415 ? t.imageType : res.status === 413 ? t.imageSize : t.imageFailed)
      }
    } catch {
      setError(t.imageFailed)
    } finally {
      setBusy(false)
    }
  }
  const drop = (e: DragEvent) => {
    e.preventDefault()
    setOver(false)
    void send(e.dataTransfer.files?.[0])
  }
  return (
    <div className="flex flex-col gap-2" data-image-field>
      <label
        data-image-drop
        onDragOver={(e) => { e.preventDefault(); setOver(true) }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        className={`flex cursor-pointer flex-col items-center gap-1 rounded border border-dashed p-3 text-center ${over ? "border-ui-border-interactive bg-ui-bg-subtle" : "border-ui-border-base"}`}
      >
        <Text className="text-ui-fg-subtle">{busy ? t.uploading : t.dropImage}</Text>
        <span className="text-ui-fg-interactive">{t.chooseImage}</span>
        <input type="file" accept="image/png,image/jpeg,image/gif,image/webp" className="sr-only" name="image" onChange={(e) => { void send(e.target.files?.[0]); e.target.value = "" }} />
      </label>
      {error && <Text className="text-ui-fg-error" data-image-error>{error}</Text>}
      {url && (
        <div className="flex items-center gap-2">
          <img src={url} alt="" data-image-preview className="max-h-32 rounded border border-ui-border-base" />
          <Button size="small" variant="secondary" onClick={() => onChange("")}>{t.removeImage}</Button>
        </div>
      )}
    </div>
  )
}

const errorOf = (e: unknown) => (e as { response?: { data?: { message?: string } } }).response?.data?.message ?? String(e)

/** A saved item (draft or outside its validity) exactly as the website would show it, from the server. */
const SitePreview = ({ path, onClose }: { path: string; onClose: () => void }) => {
  const t = useTexts()
  const preview = useAdminCustomQuery<Record<string, never>, { html: string }>(path, ["cms-site-preview", path])
  return (
    <div className="border-ui-border-base flex flex-col gap-2 rounded border p-3" data-site-preview>
      <div className="flex items-center justify-between"><Label>{t.sitePreview}</Label><Button size="small" variant="secondary" onClick={onClose}>{t.close}</Button></div>
      {/* Server-sanitised, as a site receives it. */}
      <div dangerouslySetInnerHTML={{ __html: preview.data?.html ?? "" }} />
    </div>
  )
}

/** Delete with a second click to confirm. */
const RemoveButton = ({ path, onDone }: { path: string; onDone: () => void }) => {
  const t = useTexts()
  const [asking, setAsking] = useState(false)
  const remove = useAdminCustomDelete<{ id: string }>(path, ["cms-remove", path])
  if (!asking) return <Button size="small" variant="danger" onClick={() => setAsking(true)}>{t.remove}</Button>
  return (
    <span className="flex items-center gap-1">
      <Text className="text-ui-fg-subtle">{t.confirmRemove}</Text>
      <Button size="small" variant="danger" isLoading={remove.isLoading} onClick={() => remove.mutate(undefined, { onSuccess: onDone })}>{t.remove}</Button>
      <Button size="small" variant="secondary" onClick={() => setAsking(false)}>{t.cancel}</Button>
    </span>
  )
}

/** The POS locations a news item is limited to (none: all). */
const LocationPicker = ({ value, onChange }: { value: string[]; onChange: (ids: string[]) => void }) => {
  const t = useTexts()
  const locations = useAdminCustomQuery<Record<string, never>, { locations: { id: string; name: string }[] }>("/pos/locations", ["cms-locations"])
  const list = locations.data?.locations ?? []
  if (!list.length) return null
  return (
    <fieldset className="flex flex-col gap-1" data-locations>
      <Label>{t.locations}</Label>
      {list.map((l) => (
        <label key={l.id} className="flex items-center gap-2">
          <input type="checkbox" value={l.id} checked={value.includes(l.id)} onChange={(e) => onChange(e.target.checked ? [...value, l.id] : value.filter((id) => id !== l.id))} /> {l.name}
        </label>
      ))}
    </fieldset>
  )
}

/** An instant as the value of a datetime-local input: the browser's local wall time (not UTC). */
const toLocal = (iso: string | null) => {
  if (!iso) return ""
  const d = new Date(iso)
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
}
const fromLocal = (v: string) => (v ? new Date(v).toISOString() : null)

const NewsEditor = ({ item, onDone }: { item: News | null; onDone: () => void }) => {
  const t = useTexts()
  const [title, setTitle] = useState(item?.title ?? "")
  const [body, setBody] = useState(item?.body ?? "")
  const [from, setFrom] = useState(toLocal(item?.valid_from ?? null))
  const [until, setUntil] = useState(toLocal(item?.valid_until ?? null))
  const [locale, setLocale] = useState(item?.locale ?? "")
  const [image, setImage] = useState(item?.image_url ?? "")
  const [pinned, setPinned] = useState(item?.pinned ?? false)
  const [locations, setLocations] = useState<string[]>(item?.location_ids ?? [])
  const [status, setStatus] = useState<News["status"]>(item?.status ?? "published")
  const save = useAdminCustomPost<Record<string, unknown>, { news: News }>(item ? `/cms/news/${item.id}` : "/cms/news", ["cms-news"])
  const [error, setError] = useState<string | null>(null)
  const submit = () =>
    save.mutate(
      { title, body, valid_from: fromLocal(from), valid_until: fromLocal(until), locale: locale || null, location_ids: locations, image_url: image || null, pinned, status },
      { onSuccess: onDone, onError: (e: unknown) => setError(errorOf(e)) }
    )
  return (
    <div className="grid grid-cols-2 gap-4" data-news-editor>
      <div className="flex flex-col gap-2">
        <Label>{t.titleField}</Label>
        <Input value={title} onChange={(e) => setTitle(e.target.value)} name="title" />
        <Label>{t.body}</Label>
        <Textarea rows={10} value={body} onChange={(e) => setBody(e.target.value)} name="body" />
        <Label>{t.image}</Label>
        <ImageField url={image} onChange={setImage} />
        <div className="flex gap-2">
          <div><Label>{t.from}</Label><Input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} /></div>
          <div><Label>{t.until}</Label><Input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} /></div>
        </div>
        <Label>{t.locale}</Label>
        <select value={locale} onChange={(e) => setLocale(e.target.value)} className="border-ui-border-base rounded border p-1">
          <option value="">—</option><option value="de">Deutsch</option><option value="en">English</option><option value="pt">Português</option>
        </select>
        <LocationPicker value={locations} onChange={setLocations} />
        <label className="flex items-center gap-2"><input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.target.checked)} /> {t.pinned}</label>
        <label className="flex items-center gap-2"><input type="checkbox" name="draft" checked={status === "draft"} onChange={(e) => setStatus(e.target.checked ? "draft" : "published")} /> {t.draft}</label>
        {error && <Text className="text-ui-fg-error">{error}</Text>}
        <div className="flex items-center gap-2">
          <Button onClick={submit} isLoading={save.isLoading}>{t.save}</Button>
          {item && <RemoveButton path={`/cms/news/${item.id}`} onDone={onDone} />}
        </div>
      </div>
      <div className="flex flex-col gap-2">
        <Label>{t.preview}</Label>
        <h3 className="text-lg font-semibold">{title}</h3>
        <Preview markdown={body} />
      </div>
    </div>
  )
}

const LocaleSelect = ({ value, onChange }: { value: string; onChange: (v: string) => void }) => (
  <select value={value} onChange={(e) => onChange(e.target.value)} name="locale" className="border-ui-border-base rounded border p-1">
    <option value="">—</option><option value="de">Deutsch</option><option value="en">English</option><option value="pt">Português</option>
  </select>
)

/** A new FAQ entry, or one to change: question, Markdown answer with live preview, category, language, draft. */
const FaqEditor = ({ item, onDone }: { item: Faq | null; onDone: () => void }) => {
  const t = useTexts()
  const [question, setQuestion] = useState(item?.question ?? "")
  const [answer, setAnswer] = useState(item?.answer ?? "")
  const [category, setCategory] = useState(item?.category ?? "")
  const [locale, setLocale] = useState(item?.locale ?? "")
  const [status, setStatus] = useState<Faq["status"]>(item?.status ?? "published")
  const [error, setError] = useState<string | null>(null)
  const save = useAdminCustomPost<Record<string, unknown>, { faq: Faq }>(item ? `/cms/faq/${item.id}` : "/cms/faq", ["cms-faq"])
  const submit = () =>
    save.mutate(
      { question, answer, category: category || null, locale: locale || null, status },
      { onSuccess: () => { if (!item) { setQuestion(""); setAnswer(""); setCategory("") } onDone() }, onError: (e: unknown) => setError(errorOf(e)) }
    )
  return (
    <div className="grid grid-cols-2 gap-4" data-faq-editor={item ? item.id : "new"}>
      <div className="flex flex-col gap-2">
        <Label>{t.question}</Label><Input value={question} onChange={(e) => setQuestion(e.target.value)} name="question" />
        <Label>{t.category}</Label><Input value={category} onChange={(e) => setCategory(e.target.value)} name="category" />
        <Label>{t.answer}</Label><Textarea rows={5} value={answer} onChange={(e) => setAnswer(e.target.value)} name="answer" />
        <Label>{t.locale}</Label><LocaleSelect value={locale} onChange={setLocale} />
        <label className="flex items-center gap-2"><input type="checkbox" name="draft" checked={status === "draft"} onChange={(e) => setStatus(e.target.checked ? "draft" : "published")} /> {t.draft}</label>
        {error && <Text className="text-ui-fg-error">{error}</Text>}
        <div className="flex items-center gap-2">
          <Button onClick={submit} isLoading={save.isLoading}>{item ? t.save : t.newFaq}</Button>
          {item && <RemoveButton path={`/cms/faq/${item.id}`} onDone={onDone} />}
        </div>
      </div>
      <div><Label>{t.preview}</Label><Preview markdown={answer} /></div>
    </div>
  )
}

const FaqList = ({ onChange }: { onChange: () => void }) => {
  const t = useTexts()
  const list = useAdminCustomQuery<Record<string, never>, { faq: Faq[] }>("/cms/faq", ["cms-faq"])
  const order = useAdminCustomPost<{ ids: string[] }, { faq: Faq[] }>("/cms/faq-order", ["cms-faq"])
  const [items, setItems] = useState<Faq[]>([])
  const [dragged, setDragged] = useState<string | null>(null)
  const [editing, setEditing] = useState<Faq | null>(null)
  const [previewing, setPreviewing] = useState<string | null>(null)
  useEffect(() => setItems(list.data?.faq ?? []), [list.data])
  const changed = () => { setEditing(null); list.refetch(); onChange() }
  const drop = (e: DragEvent, target: string) => {
    e.preventDefault()
    if (!dragged || dragged === target) return
    const next = items.filter((i) => i.id !== dragged)
    next.splice(next.findIndex((i) => i.id === target), 0, items.find((i) => i.id === dragged)!)
    setItems(next)
    order.mutate({ ids: next.map((i) => i.id) }, { onSuccess: () => { list.refetch(); onChange() } })
  }
  return (
    <div className="flex flex-col gap-3">
      <Text className="text-ui-fg-subtle">{t.dragHint}</Text>
      <ol className="flex flex-col gap-1" data-faq-list>
        {items.map((f) => (
          <li key={f.id} draggable data-faq-id={f.id} onDragStart={() => setDragged(f.id)} onDragOver={(e) => e.preventDefault()} onDrop={(e) => drop(e, f.id)}
            className="border-ui-border-base flex cursor-move items-center gap-2 rounded border p-2">
            <span>☰</span><span className="flex-1">{f.question}</span>
            {f.category && <Badge>{f.category}</Badge>}
            {f.locale && <Badge>{f.locale}</Badge>}
            <Badge color={f.status === "draft" ? "grey" : "green"}>{f.status === "draft" ? t.draft : t.published}</Badge>
            <Button size="small" variant="secondary" onClick={() => setPreviewing(f.id)}>{t.preview}</Button>
            <Button size="small" variant="secondary" onClick={() => setEditing(f)}>{t.edit}</Button>
          </li>
        ))}
      </ol>
      {previewing && <SitePreview path={`/cms/faq/${previewing}/preview`} onClose={() => setPreviewing(null)} />}
      {editing && <FaqEditor key={editing.id} item={editing} onDone={changed} />}
      {!editing && <FaqEditor key="new" item={null} onDone={changed} />}
    </div>
  )
}

const WebsitePage = () => {
  const t = useTexts()
  const lang = useAdminLocale()
  const settings = useAdminCustomQuery<Record<string, never>, { settings: Settings }>("/cms/settings", ["cms-settings"])
  const saveSettings = useAdminCustomPost<{ allowed_origins: string[] }, { settings: Settings }>("/cms/settings", ["cms-settings"])
  const news = useAdminCustomQuery<{ limit: number }, { news: News[] }>("/cms/news", ["cms-news"], { limit: 100 })
  const [origins, setOrigins] = useState("")
  const [saved, setSaved] = useState(false)
  const [editing, setEditing] = useState<News | "new" | null>(null)
  const [fragment, setFragment] = useState({ news: "", faq: "", events: "" })
  const [previewing, setPreviewing] = useState<string | null>(null)
  const [faqVersion, setFaqVersion] = useState(0)
  useEffect(() => setOrigins((settings.data?.settings.allowed_origins ?? []).join("\n")), [settings.data])
  useEffect(() => {
    // The live preview: the very fragments a site receives.
    const paths = { news: "/store/cms/news", faq: "/store/cms/faq", events: "/store/events" } as const
    for (const kind of ["news", "faq", "events"] as const) {
      fetch(`${paths[kind]}?format=html&locale=${lang}`).then((r) => (r.ok ? r.text() : "")).then((html) => setFragment((f) => ({ ...f, [kind]: html })), () => undefined)
    }
  }, [news.data, faqVersion, lang])
  const snippet = `<script src="${origin}/embed/loader.js" data-locale="${lang}" async></script>`
  return (
    <div className="flex flex-col gap-4">
      <Container className="flex flex-col gap-3">
        <Heading level="h1">{t.title}</Heading>
        <Label>{t.snippet}</Label>
        <pre className="bg-ui-bg-subtle overflow-x-auto rounded p-2 text-xs" data-snippet>{snippet}</pre>
        <Label>{t.elements}</Label>
        <pre className="bg-ui-bg-subtle rounded p-2 text-xs">{`<cm-news></cm-news>\n<cm-faq></cm-faq>\n<cm-events></cm-events>\n<cm-booking location="…"></cm-booking>\n<cm-event-registration event="…"></cm-event-registration>\n<cm-voucher-shop></cm-voucher-shop>\n<cm-top-up></cm-top-up>`}</pre>
        <Label>{t.shortcodes}</Label>
        <pre className="bg-ui-bg-subtle rounded p-2 text-xs">{`[cm_news] [cm_faq] [cm_events] [cm_booking location="…"] [cm_event event="…"] [cm_voucher_shop] [cm_top_up]`}</pre>
        <a className="text-ui-fg-interactive" href="/admin/cms/wordpress-plugin" download>{t.download}</a>
        <Label>{t.origins}</Label>
        <Textarea rows={3} value={origins} onChange={(e) => { setOrigins(e.target.value); setSaved(false) }} name="allowed_origins" placeholder="https://www.example.com" />
        <Text className="text-ui-fg-subtle">{t.originsHint}</Text>
        <div className="flex items-center gap-2">
          <Button onClick={() => saveSettings.mutate({ allowed_origins: origins.split(/\s+/).filter(Boolean) }, { onSuccess: () => setSaved(true) })}>{t.save}</Button>
          {saved && <Badge color="green">{t.saved}</Badge>}
          {saveSettings.isError && <Text className="text-ui-fg-error">{String((saveSettings.error as { response?: { data?: { message?: string } } })?.response?.data?.message ?? "")}</Text>}
        </div>
      </Container>
      <Container className="flex flex-col gap-3">
        <div className="flex items-center justify-between"><Heading level="h2">{t.news}</Heading><Button variant="secondary" onClick={() => setEditing("new")}>{t.newNews}</Button></div>
        {editing && <NewsEditor key={editing === "new" ? "new" : editing.id} item={editing === "new" ? null : editing} onDone={() => { setEditing(null); news.refetch() }} />}
        <ul className="flex flex-col gap-1">
          {(news.data?.news ?? []).map((n) => (
            <li key={n.id} className="flex items-center gap-2">
              <span className="flex-1">{n.title}</span>
              {n.pinned && <Badge>{t.pinned}</Badge>}
              <Badge color={n.status === "draft" ? "grey" : "green"}>{n.status === "draft" ? t.draft : t.published}</Badge>
              <Text className="text-ui-fg-subtle">{n.valid_from?.slice(0, 10) ?? ""} – {n.valid_until?.slice(0, 10) ?? ""}</Text>
              <Button size="small" variant="secondary" onClick={() => setPreviewing(n.id)}>{t.preview}</Button>
              <Button size="small" variant="secondary" onClick={() => setEditing(n)}>{t.edit}</Button>
            </li>
          ))}
        </ul>
        {previewing && <SitePreview path={`/cms/news/${previewing}/preview`} onClose={() => setPreviewing(null)} />}
      </Container>
      <Container className="flex flex-col gap-3"><Heading level="h2">{t.faq}</Heading><FaqList onChange={() => setFaqVersion((v) => v + 1)} /></Container>
      <Container className="flex flex-col gap-3">
        <Heading level="h2">{t.livePreview}</Heading>
        {/* Server-sanitised fragments, as a site shows them. */}
        <div data-live-news dangerouslySetInnerHTML={{ __html: fragment.news }} />
        <div data-live-faq dangerouslySetInnerHTML={{ __html: fragment.faq }} />
        <div data-live-events dangerouslySetInnerHTML={{ __html: fragment.events }} />
      </Container>
    </div>
  )
}

export const config: RouteConfig = {
  link: {
    label: "Website",
    icon: Window,
  },
}

// The sidebar link in the admin's language (the literal above is what the admin build checks).
localizeLink(config, { de: "Website", en: "Website", pt: "Website" })

export default WebsitePage
