import type { RouteConfig } from "@medusajs/admin"
import { EnvelopeSolid } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Text } from "@medusajs/ui"
import { useAdminCustomQuery } from "medusa-react"
import { FormEvent, useEffect, useState } from "react"

import { EmptyState, errorText, localizeLink, PagedTable, PageHeader, useAdminLocale, useAdminPost, useT } from "@customer-modules/admin-kit"

import { messages } from "./messages"
import type { BrandingDTO, Locale } from "../../../types"


type Mail = {
  id: string
  key: string
  kind: string
  to: string
  subject: string | null
  status: "queued" | "sent" | "failed"
  attempts: number
  last_error: string | null
  sent_at: string | null
  created_at: string
}
type MailContent = Mail & { html: string | null; text: string | null }
type FailedJob = { id: string; queue: string; key: string | null; attempts: number; failed_reason: string | null; failed_at: string | null }
type Doc = { id: string; key: string; kind: string; status: string; url: string; size_bytes: number | null; created_at: string }
type KindListing = { kind: string; plugin: string; registered: boolean }
type Schedule = { name: string; cron: string; next_run_at: string | null; last_run_at: string | null; last_status: string | null; last_error: string | null }
/** The design as the admin API answers it (no update time). */
type Branding = Omit<BrandingDTO, "updated_at">

const STATUS_COLOR = { queued: "orange", sent: "green", failed: "red" } as const
const SELECT_CLASS = "bg-ui-bg-field border-ui-border-base block h-8 rounded-md border px-2"

/** An instant in the admin's language, or a dash. */
function useWhen(): (iso: string | null) => string {
  const locale = useAdminLocale()
  return (iso) => (iso ? new Date(iso).toLocaleString(locale) : "–")
}

/** One mail opened: its HTML in a sandboxed frame (no scripts, no navigation), the text part and the .eml. */
const MailView = ({ id, onClose }: { id: string; onClose: () => void }) => {
  const t = useT(messages)
  const { data, isLoading } = useAdminCustomQuery<Record<string, never>, { mail: MailContent }>(`/jobs/mails/${id}`, ["jobs-mail", id])
  const mail = data?.mail
  return (
    <div className="border-ui-border-base my-2 rounded-md border p-4" data-testid="jobs-mail-view">
      <div className="flex items-center justify-between">
        <Text weight="plus">{mail?.subject ?? (isLoading ? t("loading") : t("notRendered"))}</Text>
        <div className="flex gap-2">
          <a className="text-ui-fg-interactive" href={`/admin/jobs/mails/${id}/eml`}>{t("downloadEml")}</a>
          <Button size="small" variant="secondary" onClick={onClose}>{t("close")}</Button>
        </div>
      </div>
      {mail && <Text className="text-ui-fg-subtle">{t("mailMeta", { to: mail.to, kind: mail.kind, key: mail.key })}</Text>}
      {mail?.last_error && <Text className="text-ui-fg-error">{t("lastError", { error: mail.last_error })}</Text>}
      {mail?.html && <iframe title={t("mailContent")} sandbox="" srcDoc={mail.html} className="mt-2 h-[480px] w-full rounded border bg-white" />}
      {mail?.text && <pre className="bg-ui-bg-subtle mt-2 max-h-48 overflow-auto whitespace-pre-wrap p-2 text-xs">{mail.text}</pre>}
    </div>
  )
}

/** The outbox: every mail with its status; a test mail checks the SMTP settings. */
const Outbox = () => {
  const t = useT(messages)
  const when = useWhen()
  const adminLocale = useAdminLocale()
  const [open, setOpen] = useState<string | null>(null)
  const [to, setTo] = useState("")
  const [locale, setLocale] = useState<Locale>(adminLocale)
  const [page, setPage] = useState(0)
  const pageSize = 50
  const { data, isError, error, isLoading, refetch } = useAdminCustomQuery<{ limit: number; offset: number }, { mails: Mail[]; count: number; transport: "smtp" | "file" }>(
    "/jobs/mails",
    ["jobs-mails", page],
    { limit: pageSize, offset: page * pageSize }
  )
  const test = useAdminPost<{ to: string; locale: Locale }, { mail: Mail }>("/jobs/test-mail")
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void test.mutate({ to, locale }, { onSuccess: () => { setTo(""); void refetch() } })
  }
  return (
    <Container className="mb-4" data-testid="jobs-outbox">
      <div className="flex items-center justify-between">
        <Heading level="h2">{t("outbox")}</Heading>
        <Button size="small" variant="secondary" onClick={() => void refetch()}>{t("refresh")}</Button>
        {data && <Badge color={data.transport === "smtp" ? "green" : "orange"}>{data.transport === "smtp" ? t("smtp") : t("fileOnly")}</Badge>}
      </div>
      {isError && <Text className="text-ui-fg-error">{t("loadMailsFailed", { error: errorText(error) })}</Text>}
      {open && <MailView id={open} onClose={() => setOpen(null)} />}
      <PagedTable
        rows={data?.mails ?? []}
        rowKey={(m) => m.id}
        rowProps={(m) => ({ "data-mail": m.id, "data-mail-to": m.to })}
        isLoading={isLoading}
        pageSize={pageSize}
        count={data?.count ?? 0}
        pageIndex={page}
        onPageChange={setPage}
        empty={<EmptyState title={t("noMails")} hint={t("noMailsHint")} />}
        columns={[
          { key: "created", header: t("created"), cell: (m) => when(m.created_at) },
          { key: "to", header: t("to"), cell: (m) => m.to },
          { key: "kind", header: t("kind"), cell: (m) => m.kind },
          { key: "subject", header: t("subject"), cell: (m) => m.subject ?? "" },
          { key: "status", header: t("status"), cell: (m) => <Badge color={STATUS_COLOR[m.status]} title={m.last_error ?? undefined}>{t(`status_${m.status}`)}</Badge> },
          { key: "attempts", header: t("attempts"), cell: (m) => m.attempts },
          { key: "open", header: "", cell: (m) => <Button size="small" variant="transparent" onClick={() => setOpen(m.id)}>{t("open")}</Button> },
        ]}
      />
      {data && <Text className="text-ui-fg-subtle">{t("mailsTotal", { count: data.count })}</Text>}
      <form onSubmit={submit} className="mt-2 flex items-end gap-2">
        <div><Label htmlFor="test-to">{t("testTo")}</Label><Input id="test-to" type="email" value={to} onChange={(e) => setTo(e.target.value)} required /></div>
        <div>
          <Label htmlFor="test-locale">{t("language")}</Label>
          <select id="test-locale" className={SELECT_CLASS} value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            <option value="de">Deutsch</option><option value="en">English</option><option value="pt">Português</option>
          </select>
        </div>
        <Button type="submit" variant="secondary" isLoading={test.isLoading}>{t("sendTest")}</Button>
      </form>
      {test.isError && <Text className="text-ui-fg-error">{errorText(test.error)}</Text>}
      {test.isSuccess && <Text className="text-ui-fg-subtle">{t("testQueued")}</Text>}
    </Container>
  )
}

const RetryButton = ({ job, onDone }: { job: FailedJob; onDone: () => void }) => {
  const t = useT(messages)
  const retry = useAdminPost<Record<string, never>, { job: FailedJob }>(`/jobs/failed/${encodeURIComponent(job.id)}/retry`)
  return (
    <>
      <Button size="small" variant="secondary" isLoading={retry.isLoading} onClick={() => void retry.mutate({}, { onSuccess: onDone })}>{t("retry")}</Button>
      {retry.isError && <Text className="text-ui-fg-error">{errorText(retry.error)}</Text>}
    </>
  )
}

/** Jobs that used up their attempts, with a retry button. */
const FailedJobs = () => {
  const t = useT(messages)
  const when = useWhen()
  const { data, refetch } = useAdminCustomQuery<Record<string, never>, { jobs: FailedJob[] }>("/jobs/failed", ["jobs-failed"])
  return (
    <Container className="mb-4" data-testid="jobs-failed">
      <Heading level="h2">{t("failedJobs")}</Heading>
      {data && data.jobs.length === 0 && <Text className="text-ui-fg-subtle">{t("nothingFailed")}</Text>}
      {data && data.jobs.length > 0 && (
        <PagedTable
          rows={data.jobs}
          rowKey={(j) => j.id}
          rowProps={(j) => ({ "data-job": j.id })}
          columns={[
            { key: "failed", header: t("failed"), cell: (j) => when(j.failed_at) },
            { key: "queue", header: t("queue"), cell: (j) => j.queue },
            { key: "key", header: t("key"), cell: (j) => j.key ?? j.id },
            { key: "attempts", header: t("attempts"), cell: (j) => j.attempts },
            { key: "reason", header: t("reason"), className: "max-w-md truncate", cell: (j) => <span title={j.failed_reason ?? undefined}>{j.failed_reason ?? ""}</span> },
            { key: "retry", header: "", cell: (j) => <RetryButton job={j} onDone={() => void refetch()} /> },
          ]}
        />
      )}
    </Container>
  )
}

const RunButton = ({ name, onDone }: { name: string; onDone: () => void }) => {
  const t = useT(messages)
  const run = useAdminPost<Record<string, never>, { run: { status: string } }>(`/jobs/schedules/${name}/run`)
  return (
    <Button size="small" variant="secondary" isLoading={run.isLoading} onClick={() => void run.mutate({}, { onSuccess: onDone })}>
      {run.data ? t("runNowDone", { status: run.data.run.status }) : t("runNow")}
    </Button>
  )
}

/** Stored documents and the recurring jobs. */
const DocumentsAndSchedules = () => {
  const t = useT(messages)
  const when = useWhen()
  const docs = useAdminCustomQuery<{ limit: number }, { documents: Doc[] }>("/jobs/documents", ["jobs-documents"], { limit: 50 })
  const schedules = useAdminCustomQuery<Record<string, never>, { schedules: Schedule[] }>("/jobs/schedules", ["jobs-schedules"])
  return (
    <Container className="mb-4" data-testid="jobs-documents">
      <Heading level="h2">{t("documents")}</Heading>
      <PagedTable
        rows={docs.data?.documents ?? []}
        rowKey={(d) => d.id}
        pageSize={20}
        isLoading={docs.isLoading}
        empty={<EmptyState title={t("noDocuments")} hint={t("noDocumentsHint")} />}
        columns={[
          { key: "created", header: t("created"), cell: (d) => when(d.created_at) },
          { key: "kind", header: t("kind"), cell: (d) => d.kind },
          { key: "key", header: t("key"), cell: (d) => d.key },
          { key: "status", header: t("status"), cell: (d) => d.status },
          { key: "pdf", header: "", cell: (d) => <a className="text-ui-fg-interactive" href={d.url} target="_blank" rel="noreferrer">{t("downloadPdf")}</a> },
        ]}
      />
      <Heading level="h2" className="mt-4">{t("schedules")}</Heading>
      <PagedTable
        rows={schedules.data?.schedules ?? []}
        rowKey={(s) => s.name}
        rowProps={(s) => ({ "data-schedule": s.name })}
        isLoading={schedules.isLoading}
        empty={<EmptyState title={t("noSchedules")} />}
        columns={[
          { key: "name", header: t("schedule"), cell: (s) => s.name },
          { key: "cron", header: t("cron"), cell: (s) => <code>{s.cron}</code> },
          { key: "next", header: t("next"), cell: (s) => when(s.next_run_at) },
          { key: "last", header: t("last"), cell: (s) => <span title={s.last_error ?? undefined}>{when(s.last_run_at)} {s.last_status ?? ""}</span> },
          { key: "run", header: "", cell: (s) => <RunButton name={s.name} onDone={() => void schedules.refetch()} /> },
        ]}
      />
    </Container>
  )
}

/** A mail kind rendered with its sample data, in a sandboxed frame. */
const MailKindPreview = ({ kind, locale }: { kind: string; locale: Locale }) => {
  const t = useT(messages)
  const preview = useAdminCustomQuery<{ locale: Locale }, { subject: string; html: string }>(`/jobs/preview-mail/${kind}`, ["jobs-preview-mail", kind, locale], { locale })
  if (preview.isError) return <Text className="text-ui-fg-error">{t("previewFailed", { error: errorText(preview.error) })}</Text>
  if (!preview.data) return <Text>{t("loading")}</Text>
  return (
    <div className="my-2" data-testid="jobs-kind-preview">
      <Text weight="plus">{preview.data.subject}</Text>
      <iframe title={t("previewTitle", { kind })} sandbox="" srcDoc={preview.data.html} className="mt-1 h-[420px] w-full rounded border bg-white" />
    </div>
  )
}

/** Every mail and document kind, by the module that declares it, with a preview of each. */
const Kinds = () => {
  const t = useT(messages)
  const locale = useAdminLocale()
  const kinds = useAdminCustomQuery<Record<string, never>, { mail_kinds: KindListing[]; document_kinds: KindListing[] }>("/jobs/kinds", ["jobs-kinds"])
  const [shown, setShown] = useState<string | null>(null)
  const plugins = [...new Set([...(kinds.data?.mail_kinds ?? []), ...(kinds.data?.document_kinds ?? [])].map((k) => k.plugin))].sort()
  return (
    <Container className="mb-4" data-testid="jobs-kinds">
      <Heading level="h2">{t("kinds")}</Heading>
      <Text className="text-ui-fg-subtle">{t("kindsIntro")}</Text>
      {kinds.isError && <Text className="text-ui-fg-error">{errorText(kinds.error)}</Text>}
      <PagedTable
        rows={plugins}
        rowKey={(p) => p}
        rowProps={(p) => ({ "data-kind-plugin": p })}
        isLoading={kinds.isLoading}
        columns={[
          { key: "plugin", header: t("module"), cell: (p) => p },
          {
            key: "mails",
            header: t("mailKinds"),
            cell: (p) =>
              (kinds.data?.mail_kinds ?? []).filter((k) => k.plugin === p).map((k) => (
                <Button key={k.kind} size="small" variant={shown === k.kind ? "primary" : "transparent"} onClick={() => setShown(shown === k.kind ? null : k.kind)}>
                  {k.kind}
                </Button>
              )),
          },
          {
            key: "documents",
            header: t("documentKinds"),
            cell: (p) =>
              (kinds.data?.document_kinds ?? []).filter((k) => k.plugin === p).map((k) => (
                <a key={k.kind} className="text-ui-fg-interactive mr-2" href={`/admin/jobs/preview/${k.kind}`} target="_blank" rel="noreferrer" title={t("previewPdf")}>
                  {k.kind}
                </a>
              )),
          },
        ]}
      />
      {shown && <MailKindPreview kind={shown} locale={locale} />}
    </Container>
  )
}

/** A PDF preview of unsaved branding: POSTs the draft, shows the returned PDF. */
const Preview = ({ kind, draft }: { kind: "voucher" | "invoice"; draft: Partial<Branding> }) => {
  const t = useT(messages)
  const [url, setUrl] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const body = JSON.stringify(draft)
  const failedStatus = t("previewFailedStatus", { status: "{status}" })
  useEffect(() => {
    let revoked: string | null = null
    const timer = setTimeout(async () => {
      const res = await fetch(`/admin/jobs/preview/${kind}`, { method: "POST", credentials: "include", headers: { "content-type": "application/json" }, body })
      if (!res.ok) {
        setProblem(((await res.json().catch(() => ({}))) as { message?: string }).message ?? failedStatus.replace("{status}", String(res.status)))
        return
      }
      setProblem(null)
      revoked = URL.createObjectURL(await res.blob())
      setUrl(revoked)
    }, 600)
    return () => {
      clearTimeout(timer)
      if (revoked) URL.revokeObjectURL(revoked)
    }
  }, [kind, body, failedStatus])
  return (
    <div className="flex-1">
      <Text weight="plus">{t("sample", { kind })}</Text>
      {problem && <Text className="text-ui-fg-error">{problem}</Text>}
      {url && <iframe title={t("previewTitle", { kind })} src={url} className="h-[560px] w-full rounded border" data-testid={`jobs-preview-${kind}`} />}
    </div>
  )
}

const FIELDS = ["sender_name", "logo", "primary_color", "secondary_color", "vat_id", "tax_number", "bank_name", "iban", "bic", "reply_to"] as const

/** The merchant's design: company data, colours, logo, footer; saved only when valid, previewed live. */
const BrandingForm = () => {
  const t = useT(messages)
  const { data } = useAdminCustomQuery<Record<string, never>, { branding: Branding }>("/jobs/branding", ["jobs-branding"])
  const save = useAdminPost<Partial<Branding>, { branding: Branding }>("/jobs/branding")
  const [draft, setDraft] = useState<Partial<Branding> | null>(null)
  useEffect(() => {
    if (data && !draft) setDraft(data.branding)
  }, [data, draft])
  if (!draft) return null
  const set = (k: keyof Branding, v: string) => setDraft({ ...draft, [k]: v === "" && k !== "sender_name" ? null : v })
  const payload: Partial<Branding> = { ...draft }
  delete (payload as Record<string, unknown>).updated_at
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void save.mutate(payload)
  }
  return (
    <Container className="mb-4" data-testid="jobs-branding">
      <Heading level="h2">{t("branding")}</Heading>
      <Text className="text-ui-fg-subtle">{t("brandingIntro")}</Text>
      <div className="mt-2 flex gap-6">
        <form onSubmit={submit} className="flex w-96 flex-col gap-2">
          {FIELDS.map((k) => (
            <div key={k}>
              <Label htmlFor={`brand-${k}`}>{t(k)}</Label>
              <Input id={`brand-${k}`} value={(draft[k] as string | null) ?? ""} onChange={(e) => set(k, e.target.value)} />
            </div>
          ))}
          <div>
            <Label htmlFor="brand-address">{t("companyAddress")}</Label>
            <textarea id="brand-address" className="bg-ui-bg-field border-ui-border-base w-full rounded-md border p-2" rows={3} value={(draft.company_address ?? []).join("\n")}
              onChange={(e) => setDraft({ ...draft, company_address: e.target.value.split("\n").filter((l) => l.trim()) })} />
          </div>
          <div>
            <Label htmlFor="brand-footer">{t("footer")}</Label>
            <textarea id="brand-footer" className="bg-ui-bg-field border-ui-border-base w-full rounded-md border p-2" rows={2} value={draft.footer_text ?? ""} onChange={(e) => set("footer_text", e.target.value)} />
          </div>
          <div>
            <Label htmlFor="brand-locale">{t("defaultLanguage")}</Label>
            <select id="brand-locale" className={SELECT_CLASS} value={draft.default_locale} onChange={(e) => set("default_locale", e.target.value)}>
              <option value="de">Deutsch</option><option value="en">English</option><option value="pt">Português</option>
            </select>
          </div>
          <Button type="submit" isLoading={save.isLoading}>{t("saveBranding")}</Button>
          {save.isError && <Text className="text-ui-fg-error" data-testid="jobs-branding-error">{errorText(save.error)}</Text>}
          {save.isSuccess && <Text className="text-ui-fg-subtle">{t("saved")}</Text>}
        </form>
        <Preview kind="voucher" draft={payload} />
        <Preview kind="invoice" draft={payload} />
      </div>
    </Container>
  )
}

/** The "Mail & documents" page: outbox, failed jobs, documents and schedules, kinds by module, branding with live preview. */
const JobsPage = () => {
  const t = useT(messages)
  return (
    <div>
      <PageHeader title={t("title")} intro={t("intro")} />
      <Outbox />
      <FailedJobs />
      <DocumentsAndSchedules />
      <Kinds />
      <BrandingForm />
    </div>
  )
}

export const config: RouteConfig = {
  link: {
    label: "Mail & documents",
    icon: EnvelopeSolid,
  },
}

// The sidebar link in the admin's language (the literal above is what the admin build checks).
localizeLink(config, { de: "Mails & Dokumente", en: "Mail & documents", pt: "E-mails e documentos" })

export default JobsPage
