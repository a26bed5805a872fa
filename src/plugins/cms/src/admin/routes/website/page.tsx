import type { RouteConfig } from "@medusajs/admin"
import { Window } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Text, Textarea } from "@medusajs/ui"
import { useAdminCustomPost, useAdminCustomQuery } from "medusa-react"
import { DragEvent, useEffect, useState } from "react"

type News = { id: string; title: string; body: string; valid_from: string | null; valid_until: string | null; locale: string | null; pinned: boolean; status: "draft" | "published"; image_url: string | null }
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
    imageType: "Nur PNG-, JPEG-, GIF- oder WebP-Bilder.", imageSize: "Das Bild ist zu groß (höchstens 5 MB).", imageFailed: "Das Bild konnte nicht hochgeladen werden.",
  },
  en: {
    title: "Website", snippet: "Embed (in the page's <head>)", elements: "Elements", shortcodes: "WordPress shortcodes", download: "Download the WordPress plugin",
    origins: "Allowed origins (one per line)", originsHint: "These sites may load content and embed the booking pages.", save: "Save", saved: "Saved",
    news: "News", faq: "FAQ", newNews: "New item", newFaq: "New question", titleField: "Title", body: "Text (Markdown)", preview: "Preview",
    from: "Valid from", until: "Valid until", pinned: "Pinned", draft: "Draft", published: "Published", edit: "Edit", remove: "Delete",
    question: "Question", answer: "Answer (Markdown)", category: "Category", dragHint: "Drag to reorder", livePreview: "Live preview of the website", locale: "Language (empty: all)", image: "Image",
    dropImage: "Drop an image here or choose one (PNG, JPEG, GIF, WebP, up to 5 MB)", chooseImage: "Choose a file", removeImage: "Remove image", uploading: "Uploading …",
    imageType: "Only PNG, JPEG, GIF or WebP images.", imageSize: "The image is too large (at most 5 MB).", imageFailed: "The image could not be uploaded.",
  },
  pt: {
    title: "Website", snippet: "Incorporar (no <head> da página)", elements: "Elementos", shortcodes: "Shortcodes do WordPress", download: "Descarregar o plugin WordPress",
    origins: "Origens permitidas (uma por linha)", originsHint: "Estes sites podem carregar conteúdos e incorporar as páginas de reserva.", save: "Guardar", saved: "Guardado",
    news: "Novidades", faq: "FAQ", newNews: "Nova notícia", newFaq: "Nova pergunta", titleField: "Título", body: "Texto (Markdown)", preview: "Pré-visualização",
    from: "Válido desde", until: "Válido até", pinned: "Fixado", draft: "Rascunho", published: "Publicado", edit: "Editar", remove: "Eliminar",
    question: "Pergunta", answer: "Resposta (Markdown)", category: "Categoria", dragHint: "Arraste para ordenar", livePreview: "Pré-visualização do website", locale: "Idioma (vazio: todos)", image: "Imagem",
    dropImage: "Arraste uma imagem para aqui ou escolha uma (PNG, JPEG, GIF, WebP, até 5 MB)", chooseImage: "Escolher ficheiro", removeImage: "Remover imagem", uploading: "A carregar …",
    imageType: "Apenas imagens PNG, JPEG, GIF ou WebP.", imageSize: "A imagem é demasiado grande (no máximo 5 MB).", imageFailed: "Não foi possível carregar a imagem.",
  },
}
type T = (typeof TEXTS)["en"]
const lang = (typeof navigator === "undefined" ? "en" : navigator.language).slice(0, 2)
const t: T = TEXTS[(lang in TEXTS ? lang : "en") as keyof typeof TEXTS]
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

const toLocal = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(0, 16) : "")
const fromLocal = (v: string) => (v ? new Date(v).toISOString() : null)

const NewsEditor = ({ item, onDone }: { item: News | null; onDone: () => void }) => {
  const [title, setTitle] = useState(item?.title ?? "")
  const [body, setBody] = useState(item?.body ?? "")
  const [from, setFrom] = useState(toLocal(item?.valid_from ?? null))
  const [until, setUntil] = useState(toLocal(item?.valid_until ?? null))
  const [locale, setLocale] = useState(item?.locale ?? "")
  const [image, setImage] = useState(item?.image_url ?? "")
  const [pinned, setPinned] = useState(item?.pinned ?? false)
  const [status, setStatus] = useState<News["status"]>(item?.status ?? "published")
  const save = useAdminCustomPost<Record<string, unknown>, { news: News }>(item ? `/cms/news/${item.id}` : "/cms/news", ["cms-news"])
  const [error, setError] = useState<string | null>(null)
  const submit = () =>
    save.mutate(
      { title, body, valid_from: fromLocal(from), valid_until: fromLocal(until), locale: locale || null, image_url: image || null, pinned, status },
      { onSuccess: onDone, onError: (e: unknown) => setError((e as { response?: { data?: { message?: string } } }).response?.data?.message ?? String(e)) }
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
        <label className="flex items-center gap-2"><input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.target.checked)} /> {t.pinned}</label>
        <label className="flex items-center gap-2"><input type="checkbox" checked={status === "draft"} onChange={(e) => setStatus(e.target.checked ? "draft" : "published")} /> {t.draft}</label>
        {error && <Text className="text-ui-fg-error">{error}</Text>}
        <Button onClick={submit} isLoading={save.isLoading}>{t.save}</Button>
      </div>
      <div className="flex flex-col gap-2">
        <Label>{t.preview}</Label>
        <h3 className="text-lg font-semibold">{title}</h3>
        <Preview markdown={body} />
      </div>
    </div>
  )
}

const FaqList = () => {
  const list = useAdminCustomQuery<Record<string, never>, { faq: Faq[] }>("/cms/faq", ["cms-faq"])
  const order = useAdminCustomPost<{ ids: string[] }, { faq: Faq[] }>("/cms/faq-order", ["cms-faq"])
  const create = useAdminCustomPost<Record<string, unknown>, { faq: Faq }>("/cms/faq", ["cms-faq"])
  const [items, setItems] = useState<Faq[]>([])
  const [dragged, setDragged] = useState<string | null>(null)
  const [question, setQuestion] = useState("")
  const [answer, setAnswer] = useState("")
  const [category, setCategory] = useState("")
  useEffect(() => setItems(list.data?.faq ?? []), [list.data])
  const drop = (e: DragEvent, target: string) => {
    e.preventDefault()
    if (!dragged || dragged === target) return
    const next = items.filter((i) => i.id !== dragged)
    next.splice(next.findIndex((i) => i.id === target), 0, items.find((i) => i.id === dragged)!)
    setItems(next)
    order.mutate({ ids: next.map((i) => i.id) }, { onSuccess: () => list.refetch() })
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
            <Badge color={f.status === "draft" ? "grey" : "green"}>{f.status === "draft" ? t.draft : t.published}</Badge>
          </li>
        ))}
      </ol>
      <div className="grid grid-cols-2 gap-4">
        <div className="flex flex-col gap-2">
          <Label>{t.question}</Label><Input value={question} onChange={(e) => setQuestion(e.target.value)} />
          <Label>{t.category}</Label><Input value={category} onChange={(e) => setCategory(e.target.value)} />
          <Label>{t.answer}</Label><Textarea rows={5} value={answer} onChange={(e) => setAnswer(e.target.value)} />
          <Button onClick={() => create.mutate({ question, answer, category: category || null }, { onSuccess: () => { setQuestion(""); setAnswer(""); list.refetch() } })}>{t.newFaq}</Button>
        </div>
        <div><Label>{t.preview}</Label><Preview markdown={answer} /></div>
      </div>
    </div>
  )
}

const WebsitePage = () => {
  const settings = useAdminCustomQuery<Record<string, never>, { settings: Settings }>("/cms/settings", ["cms-settings"])
  const saveSettings = useAdminCustomPost<{ allowed_origins: string[] }, { settings: Settings }>("/cms/settings", ["cms-settings"])
  const news = useAdminCustomQuery<{ limit: number }, { news: News[] }>("/cms/news", ["cms-news"], { limit: 100 })
  const [origins, setOrigins] = useState("")
  const [saved, setSaved] = useState(false)
  const [editing, setEditing] = useState<News | "new" | null>(null)
  const [fragment, setFragment] = useState({ news: "", faq: "" })
  useEffect(() => setOrigins((settings.data?.settings.allowed_origins ?? []).join("\n")), [settings.data])
  useEffect(() => {
    // The live preview: the very fragments a site receives.
    for (const kind of ["news", "faq"] as const) {
      fetch(`/store/cms/${kind}?format=html&locale=${lang in TEXTS ? lang : "en"}`).then((r) => r.text()).then((html) => setFragment((f) => ({ ...f, [kind]: html })), () => undefined)
    }
  }, [news.data])
  const snippet = `<script src="${origin}/embed/loader.js" data-locale="${lang in TEXTS ? lang : "en"}" async></script>`
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
              <Button size="small" variant="secondary" onClick={() => setEditing(n)}>{t.edit}</Button>
            </li>
          ))}
        </ul>
      </Container>
      <Container className="flex flex-col gap-3"><Heading level="h2">{t.faq}</Heading><FaqList /></Container>
      <Container className="flex flex-col gap-3">
        <Heading level="h2">{t.livePreview}</Heading>
        {/* Server-sanitised fragments, as a site shows them. */}
        <div data-live-news dangerouslySetInnerHTML={{ __html: fragment.news }} />
        <div data-live-faq dangerouslySetInnerHTML={{ __html: fragment.faq }} />
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

export default WebsitePage
