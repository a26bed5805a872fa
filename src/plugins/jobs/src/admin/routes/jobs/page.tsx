import type { RouteConfig } from "@medusajs/admin"
import { EnvelopeSolid } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { useAdminCustomPost, useAdminCustomQuery } from "medusa-react"
import { FormEvent, useEffect, useState } from "react"

type Locale = "de" | "en" | "pt"
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
type Schedule = { name: string; cron: string; next_run_at: string | null; last_run_at: string | null; last_status: string | null; last_error: string | null }
type Branding = {
  sender_name: string
  logo: string | null
  primary_color: string
  secondary_color: string
  footer_text: string | null
  default_locale: Locale
  company_address: string[]
  vat_id: string | null
  tax_number: string | null
  bank_name: string | null
  iban: string | null
  bic: string | null
  reply_to: string | null
}

type ApiError = { response?: { data?: { message?: string } }; message?: string }
const errorText = (e: unknown): string => (e as ApiError)?.response?.data?.message ?? (e as ApiError)?.message ?? String(e)
const when = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : "–")
const STATUS_COLOR = { queued: "orange", sent: "green", failed: "red" } as const

/** One mail opened: its HTML in a sandboxed frame (no scripts, no navigation), the text part and the .eml. */
const MailView = ({ id, onClose }: { id: string; onClose: () => void }) => {
  const { data, isLoading } = useAdminCustomQuery<Record<string, never>, { mail: MailContent }>(`/jobs/mails/${id}`, ["jobs-mail", id])
  const mail = data?.mail
  return (
    <div className="border-ui-border-base my-2 rounded-md border p-4" data-testid="jobs-mail-view">
      <div className="flex items-center justify-between">
        <Text weight="plus">{mail?.subject ?? (isLoading ? "Loading…" : "(not rendered yet)")}</Text>
        <div className="flex gap-2">
          <a className="text-ui-fg-interactive" href={`/admin/jobs/mails/${id}/eml`}>Download .eml</a>
          <Button size="small" variant="secondary" onClick={onClose}>Close</Button>
        </div>
      </div>
      {mail && <Text className="text-ui-fg-subtle">To {mail.to} · {mail.kind} · {mail.key}</Text>}
      {mail?.last_error && <Text className="text-ui-fg-error">Last error: {mail.last_error}</Text>}
      {mail?.html && <iframe title="Mail content" sandbox="" srcDoc={mail.html} className="mt-2 h-[480px] w-full rounded border bg-white" />}
      {mail?.text && <pre className="bg-ui-bg-subtle mt-2 max-h-48 overflow-auto whitespace-pre-wrap p-2 text-xs">{mail.text}</pre>}
    </div>
  )
}

/** The outbox: every mail with its status; a test mail checks the SMTP settings. */
const Outbox = () => {
  const [open, setOpen] = useState<string | null>(null)
  const [to, setTo] = useState("")
  const [locale, setLocale] = useState<Locale>("de")
  const { data, isError, error, refetch } = useAdminCustomQuery<{ limit: number }, { mails: Mail[]; count: number; transport: "smtp" | "file" }>(
    "/jobs/mails",
    ["jobs-mails"],
    { limit: 50 }
  )
  const test = useAdminCustomPost<{ to: string; locale: Locale }, { mail: Mail }>("/jobs/test-mail", ["jobs-mails"])
  const submit = (e: FormEvent) => {
    e.preventDefault()
    test.mutate({ to, locale }, { onSuccess: () => setTo("") })
  }
  return (
    <Container className="mb-4" data-testid="jobs-outbox">
      <div className="flex items-center justify-between">
        <Heading level="h2">Outbox</Heading>
        <Button size="small" variant="secondary" onClick={() => void refetch()}>Refresh</Button>
        {data && (
          <Badge color={data.transport === "smtp" ? "green" : "orange"}>
            {data.transport === "smtp" ? "sending over SMTP" : "no SMTP_URL: mails are written to .eml files only"}
          </Badge>
        )}
      </div>
      {isError && <Text className="text-ui-fg-error">Could not load the mails: {errorText(error)}</Text>}
      {open && <MailView id={open} onClose={() => setOpen(null)} />}
      <Table className="my-2">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Created</Table.HeaderCell>
            <Table.HeaderCell>To</Table.HeaderCell>
            <Table.HeaderCell>Kind</Table.HeaderCell>
            <Table.HeaderCell>Subject</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Attempts</Table.HeaderCell>
            <Table.HeaderCell></Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {(data?.mails ?? []).map((m) => (
            <Table.Row key={m.id} data-mail={m.id} data-mail-to={m.to}>
              <Table.Cell>{when(m.created_at)}</Table.Cell>
              <Table.Cell>{m.to}</Table.Cell>
              <Table.Cell>{m.kind}</Table.Cell>
              <Table.Cell>{m.subject ?? ""}</Table.Cell>
              <Table.Cell>
                <Badge color={STATUS_COLOR[m.status]} title={m.last_error ?? undefined}>{m.status}</Badge>
              </Table.Cell>
              <Table.Cell>{m.attempts}</Table.Cell>
              <Table.Cell><Button size="small" variant="transparent" onClick={() => setOpen(m.id)}>Open</Button></Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {data && <Text className="text-ui-fg-subtle">{data.count} mails in total</Text>}
      <form onSubmit={submit} className="mt-2 flex items-end gap-2">
        <div><Label htmlFor="test-to">Send a test mail to</Label><Input id="test-to" type="email" value={to} onChange={(e) => setTo(e.target.value)} required /></div>
        <div>
          <Label htmlFor="test-locale">Language</Label>
          <select id="test-locale" className="border-ui-border-base h-8 rounded border px-2" value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            <option value="de">Deutsch</option><option value="en">English</option><option value="pt">Português</option>
          </select>
        </div>
        <Button type="submit" variant="secondary" isLoading={test.isLoading}>Send test mail</Button>
      </form>
      {test.isError && <Text className="text-ui-fg-error">{errorText(test.error)}</Text>}
      {test.isSuccess && <Text className="text-ui-fg-subtle">Queued: it appears above once sent.</Text>}
    </Container>
  )
}

const RetryButton = ({ job }: { job: FailedJob }) => {
  const retry = useAdminCustomPost<Record<string, never>, { job: FailedJob }>(`/jobs/failed/${encodeURIComponent(job.id)}/retry`, ["jobs-failed", "jobs-mails"])
  return (
    <>
      <Button size="small" variant="secondary" isLoading={retry.isLoading} onClick={() => retry.mutate({})}>Retry</Button>
      {retry.isError && <Text className="text-ui-fg-error">{errorText(retry.error)}</Text>}
    </>
  )
}

/** Jobs that used up their attempts, with a retry button. */
const FailedJobs = () => {
  const { data } = useAdminCustomQuery<Record<string, never>, { jobs: FailedJob[] }>("/jobs/failed", ["jobs-failed"])
  return (
    <Container className="mb-4" data-testid="jobs-failed">
      <Heading level="h2">Failed jobs</Heading>
      {data && data.jobs.length === 0 && <Text className="text-ui-fg-subtle">Nothing failed.</Text>}
      {data && data.jobs.length > 0 && (
        <Table className="my-2">
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Failed</Table.HeaderCell>
              <Table.HeaderCell>Queue</Table.HeaderCell>
              <Table.HeaderCell>Key</Table.HeaderCell>
              <Table.HeaderCell>Attempts</Table.HeaderCell>
              <Table.HeaderCell>Reason</Table.HeaderCell>
              <Table.HeaderCell></Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data.jobs.map((j) => (
              <Table.Row key={j.id} data-job={j.id}>
                <Table.Cell>{when(j.failed_at)}</Table.Cell>
                <Table.Cell>{j.queue}</Table.Cell>
                <Table.Cell>{j.key ?? j.id}</Table.Cell>
                <Table.Cell>{j.attempts}</Table.Cell>
                <Table.Cell className="max-w-md truncate" title={j.failed_reason ?? undefined}>{j.failed_reason ?? ""}</Table.Cell>
                <Table.Cell><RetryButton job={j} /></Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

/** Stored documents and the recurring jobs. */
const DocumentsAndSchedules = () => {
  const docs = useAdminCustomQuery<{ limit: number }, { documents: Doc[] }>("/jobs/documents", ["jobs-documents"], { limit: 20 })
  const schedules = useAdminCustomQuery<Record<string, never>, { schedules: Schedule[] }>("/jobs/schedules", ["jobs-schedules"])
  return (
    <Container className="mb-4" data-testid="jobs-documents">
      <Heading level="h2">Documents</Heading>
      <Table className="my-2">
        <Table.Body>
          {(docs.data?.documents ?? []).map((d) => (
            <Table.Row key={d.id}>
              <Table.Cell>{when(d.created_at)}</Table.Cell>
              <Table.Cell>{d.kind}</Table.Cell>
              <Table.Cell>{d.key}</Table.Cell>
              <Table.Cell>{d.status}</Table.Cell>
              <Table.Cell><a className="text-ui-fg-interactive" href={d.url} target="_blank" rel="noreferrer">Download PDF</a></Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Heading level="h2" className="mt-4">Schedules</Heading>
      <Table className="my-2">
        <Table.Body>
          {(schedules.data?.schedules ?? []).map((s) => (
            <Table.Row key={s.name}>
              <Table.Cell>{s.name}</Table.Cell>
              <Table.Cell><code>{s.cron}</code></Table.Cell>
              <Table.Cell>next {when(s.next_run_at)}</Table.Cell>
              <Table.Cell>last {when(s.last_run_at)} {s.last_status ?? ""}</Table.Cell>
              <Table.Cell><RunButton name={s.name} /></Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </Container>
  )
}

const RunButton = ({ name }: { name: string }) => {
  const run = useAdminCustomPost<Record<string, never>, { run: { status: string } }>(`/jobs/schedules/${name}/run`, ["jobs-schedules"])
  return (
    <Button size="small" variant="secondary" isLoading={run.isLoading} onClick={() => run.mutate({})}>
      Run now{run.data ? ` (${run.data.run.status})` : ""}
    </Button>
  )
}

/** A PDF preview of unsaved branding: POSTs the draft, shows the returned PDF. */
const Preview = ({ kind, draft }: { kind: "voucher" | "invoice"; draft: Partial<Branding> }) => {
  const [url, setUrl] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const body = JSON.stringify(draft)
  useEffect(() => {
    let revoked: string | null = null
    const timer = setTimeout(async () => {
      const res = await fetch(`/admin/jobs/preview/${kind}`, { method: "POST", credentials: "include", headers: { "content-type": "application/json" }, body })
      if (!res.ok) {
        setProblem(((await res.json().catch(() => ({}))) as { message?: string }).message ?? `preview failed (${res.status})`)
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
  }, [kind, body])
  return (
    <div className="flex-1">
      <Text weight="plus">Sample {kind}</Text>
      {problem && <Text className="text-ui-fg-error">{problem}</Text>}
      {url && <iframe title={`Preview ${kind}`} src={url} className="h-[560px] w-full rounded border" data-testid={`jobs-preview-${kind}`} />}
    </div>
  )
}

const FIELDS: [keyof Branding, string][] = [
  ["sender_name", "Sender name"],
  ["logo", "Logo (https URL or data URI)"],
  ["primary_color", "Primary colour"],
  ["secondary_color", "Secondary colour"],
  ["vat_id", "VAT id"],
  ["tax_number", "Tax number"],
  ["bank_name", "Bank"],
  ["iban", "IBAN"],
  ["bic", "BIC"],
  ["reply_to", "Reply-to address"],
]

/** The merchant's design: company data, colours, logo, footer; saved only when valid, previewed live. */
const BrandingForm = () => {
  const { data } = useAdminCustomQuery<Record<string, never>, { branding: Branding }>("/jobs/branding", ["jobs-branding"])
  const save = useAdminCustomPost<Partial<Branding>, { branding: Branding }>("/jobs/branding", ["jobs-branding"])
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
    save.mutate(payload)
  }
  return (
    <Container className="mb-4" data-testid="jobs-branding">
      <Heading level="h2">Branding</Heading>
      <Text className="text-ui-fg-subtle">Your design and company data on every mail and document (invoices need the address, VAT id and bank details).</Text>
      <div className="mt-2 flex gap-6">
        <form onSubmit={submit} className="flex w-96 flex-col gap-2">
          {FIELDS.map(([k, label]) => (
            <div key={k}>
              <Label htmlFor={`brand-${k}`}>{label}</Label>
              <Input id={`brand-${k}`} value={(draft[k] as string | null) ?? ""} onChange={(e) => set(k, e.target.value)} />
            </div>
          ))}
          <div>
            <Label htmlFor="brand-address">Company address (one line each)</Label>
            <textarea id="brand-address" className="border-ui-border-base w-full rounded border p-2" rows={3} value={(draft.company_address ?? []).join("\n")}
              onChange={(e) => setDraft({ ...draft, company_address: e.target.value.split("\n").filter((l) => l.trim()) })} />
          </div>
          <div>
            <Label htmlFor="brand-footer">Legal footer</Label>
            <textarea id="brand-footer" className="border-ui-border-base w-full rounded border p-2" rows={2} value={draft.footer_text ?? ""} onChange={(e) => set("footer_text", e.target.value)} />
          </div>
          <div>
            <Label htmlFor="brand-locale">Default language</Label>
            <select id="brand-locale" className="border-ui-border-base h-8 rounded border px-2" value={draft.default_locale} onChange={(e) => set("default_locale", e.target.value)}>
              <option value="de">Deutsch</option><option value="en">English</option><option value="pt">Português</option>
            </select>
          </div>
          <Button type="submit" isLoading={save.isLoading}>Save branding</Button>
          {save.isError && <Text className="text-ui-fg-error" data-testid="jobs-branding-error">{errorText(save.error)}</Text>}
          {save.isSuccess && <Text className="text-ui-fg-subtle">Saved.</Text>}
        </form>
        <Preview kind="voucher" draft={payload} />
        <Preview kind="invoice" draft={payload} />
      </div>
    </Container>
  )
}

/** The "Mail & documents" page: outbox, failed jobs, documents and schedules, branding with live preview. */
const JobsPage = () => {
  return (
  <div>
    <Container className="mb-4">
      <Heading level="h1">Mail &amp; documents</Heading>
      <Text className="text-ui-fg-subtle">
        Every e-mail the modules send (invoices, vouchers, statements, confirmations…), failed jobs to retry, stored documents and your design.
      </Text>
    </Container>
    <Outbox />
    <FailedJobs />
    <DocumentsAndSchedules />
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

export default JobsPage
