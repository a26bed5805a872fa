import type { RouteConfig } from "@medusajs/admin"
import { DocumentText } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Select, Table, Text } from "@medusajs/ui"
import { useAdminCustomQuery } from "medusa-react"
import { FormEvent, useState } from "react"

import { AmountInput, ConfirmButton, EmptyState, errorText, formatAmountInput, localizeLink, Money, PagedTable, useAdminLocale, useAdminPost, useFormatMoney, useT, useTransactionTypeLabel } from "@customer-modules/admin-kit"

import { messages } from "../../messages"

type Invoice = {
  id: string
  number: string
  status: "open" | "paid" | "cancelled"
  overdue: boolean
  customer_id: string | null
  customer_name: string | null
  email: string | null
  currency_code: string
  total: number
  paid_total: number
  open_amount: number
  net_total: number
  tax_total: number
  issue_date: string
  due_date: string
  tax_groups: { tax_rate: number; net: number; tax: number; gross: number }[]
}
type InvoiceDetail = Invoice & {
  payments: { id: string; amount: number; method: string; paid_on: string }[]
  credit_note: { number: string } | null
  credit_notes: { id: string; number: string; kind: "cancellation" | "refund"; total: number; issue_date: string }[]
  reminders: { level: number; sent_on: string }[]
}
type Totals = { currency_code: string; count: number; total: number; paid: number; open: number }
type Account = { id: string; customer_id: string; currency_code: string; balance: number; credit_limit: number; available: number; card_code: string | null }
type Movement = { id: string; type: string; amount: number; balance_after: number; reference: string | null; created_at: string }

const METHODS = ["bank_transfer", "cash", "card", "direct_debit", "other"] as const
const STATUSES = ["all", "open", "overdue", "paid", "cancelled"] as const
type Shown = "open" | "overdue" | "paid" | "cancelled"
const COLOR: Record<Shown, "green" | "red" | "grey" | "orange"> = { paid: "green", cancelled: "grey", overdue: "red", open: "orange" }
const statusOf = (i: Invoice): Shown => (i.status === "paid" ? "paid" : i.status === "cancelled" ? "cancelled" : i.overdue ? "overdue" : "open")
const methodKey = (m: string) => ((METHODS as readonly string[]).includes(m) ? (`method_${m}` as `method_${(typeof METHODS)[number]}`) : null)

/** One invoice: amounts, PDF preview, payments, record a payment, resend, cancel. */
const InvoicePanel = ({ id, onChanged }: { id: string; onChanged: () => void }) => {
  const t = useT(messages)
  const locale = useAdminLocale()
  const money = useFormatMoney()
  const detail = useAdminCustomQuery<Record<string, never>, { invoice: InvoiceDetail }>(`/debtor-invoices/${id}`, ["debtor-invoice", id])
  // One Idempotency-Key per intended payment: a double click or a retry after a lost answer records it once.
  const pay = useAdminPost<{ amount: number; method: string }, unknown>(`/debtor-invoices/${id}/payments`)
  const send = useAdminPost<Record<string, never>, unknown>(`/debtor-invoices/${id}/send`)
  const cancel = useAdminPost<Record<string, never>, unknown>(`/debtor-invoices/${id}/cancel`)
  const [amount, setAmount] = useState<number | null>(null)
  const [method, setMethod] = useState("bank_transfer")
  const [message, setMessage] = useState<string | null>(null)
  const invoice = detail.data?.invoice
  if (!invoice) {
    return <Container>{detail.isError ? <Text className="text-ui-fg-error">{errorText(detail.error)}</Text> : <Text>{t("loading")}</Text>}</Container>
  }
  const currency = invoice.currency_code
  const refetch = () => {
    void detail.refetch()
    onChanged()
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (amount === null || amount <= 0) {
      setMessage(t("enterAmount", { example: formatAmountInput(1250, currency, locale) }))
      return
    }
    setMessage(null)
    void pay.mutate(
      { amount, method },
      {
        onSuccess: () => {
          setAmount(null)
          setMessage(t("paymentRecorded"))
          refetch()
        },
        onError: (err) => setMessage(errorText(err)),
      }
    )
  }
  const status = statusOf(invoice)
  return (
    <Container data-testid="debtor-detail">
      <div className="flex items-center justify-between">
        <Heading level="h2">{t("invoice", { number: invoice.number })}</Heading>
        <Badge color={COLOR[status]} data-testid="debtor-status">{t(`status_${status}`)}</Badge>
      </div>
      <Text>{invoice.customer_name ?? t("noName")} · {invoice.email ?? t("noEmail")} · {t("issuedDue", { issued: invoice.issue_date, due: invoice.due_date })}</Text>
      <Table className="my-2">
        <Table.Header>
          <Table.Row><Table.HeaderCell>{t("taxRate")}</Table.HeaderCell><Table.HeaderCell>{t("net")}</Table.HeaderCell><Table.HeaderCell>{t("tax")}</Table.HeaderCell><Table.HeaderCell>{t("gross")}</Table.HeaderCell></Table.Row>
        </Table.Header>
        <Table.Body>
          {invoice.tax_groups.map((g) => (
            <Table.Row key={g.tax_rate}>
              <Table.Cell>{g.tax_rate.toLocaleString(locale)} %</Table.Cell>
              <Table.Cell><Money amount={g.net} currency={currency} /></Table.Cell>
              <Table.Cell><Money amount={g.tax} currency={currency} /></Table.Cell>
              <Table.Cell><Money amount={g.gross} currency={currency} /></Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Text>
        {t("amountsLine", { total: money(invoice.total, currency), paid: money(invoice.paid_total, currency) })}{" "}
        <span data-testid="debtor-open"><Money amount={invoice.open_amount} currency={currency} /></span>
      </Text>
      {invoice.credit_note && <Text>{t("creditNote", { number: invoice.credit_note.number })}</Text>}
      {invoice.credit_notes.filter((n) => n.kind === "refund").map((n) => (
        <Text key={n.id}>{t("refundNote", { number: n.number, date: n.issue_date, amount: money(n.total, currency) })}</Text>
      ))}
      {invoice.reminders.length > 0 && (
        <Text>{t("reminders", { list: invoice.reminders.map((r) => t("reminderLevel", { level: r.level, date: r.sent_on })).join(", ") })}</Text>
      )}
      <ul className="my-2">
        {invoice.payments.map((p) => {
          const key = methodKey(p.method)
          return <li key={p.id}><Text>{p.paid_on}: {money(p.amount, currency)} ({key ? t(key) : p.method})</Text></li>
        })}
      </ul>
      {invoice.status === "open" && (
        <form onSubmit={submit} className="my-2 flex flex-wrap items-end gap-2">
          <div>
            <Label htmlFor="debtor-amount">{t("payment")}</Label>
            <AmountInput id="debtor-amount" currency={currency} value={amount} onChange={setAmount} placeholder={formatAmountInput(invoice.open_amount, currency, locale)} />
          </div>
          <div>
            <Label htmlFor="debtor-method">{t("method")}</Label>
            <select id="debtor-method" className="bg-ui-bg-field border-ui-border-base block h-8 rounded-md border px-2" value={method} onChange={(e) => setMethod(e.target.value)}>
              {METHODS.map((m) => <option key={m} value={m}>{t(`method_${m}`)}</option>)}
            </select>
          </div>
          <Button type="submit" isLoading={pay.isLoading}>{t("recordPayment")}</Button>
          <Button type="button" variant="secondary" isLoading={send.isLoading} onClick={() => void send.mutate({}, { onSuccess: () => setMessage(t("sent")), onError: (err) => setMessage(errorText(err)) })}>
            {t("sendPdf")}
          </Button>
          {invoice.paid_total === 0 && (
            <ConfirmButton
              title={t("cancelTitle", { number: invoice.number })}
              description={t("cancelText")}
              confirmLabel={t("cancelConfirm")}
              isLoading={cancel.isLoading}
              onConfirm={() => cancel.mutate({}, { onSuccess: () => { setMessage(t("cancelled")); refetch() }, onError: (err) => setMessage(errorText(err)) })}
            >
              {t("cancel")}
            </ConfirmButton>
          )}
        </form>
      )}
      {message && <Text data-testid="debtor-message">{message}</Text>}
      <iframe title={t("invoice", { number: invoice.number })} src={`/admin/debtor-invoices/${invoice.id}/pdf`} className="mt-2 h-[560px] w-full rounded border" data-testid="debtor-pdf" />
    </Container>
  )
}

/** Customer accounts: balance, limit, recent movements, statement PDF. */
const Accounts = () => {
  const t = useT(messages)
  const locale = useAdminLocale()
  const typeLabel = useTransactionTypeLabel()
  const [customerId, setCustomerId] = useState("")
  const [query, setQuery] = useState<{ customer_id?: string }>({})
  const [selected, setSelected] = useState<Account | null>(null)
  const list = useAdminCustomQuery<{ customer_id?: string }, { accounts: Account[]; count: number }>("/customer-accounts", ["customer-accounts", query], query)
  const movements = useAdminCustomQuery<{ limit: number }, { transactions: Movement[] }>(
    `/customer-accounts/${selected?.id ?? "none"}/statement`,
    ["customer-account", selected?.id],
    { limit: 20 },
    { enabled: selected !== null }
  )
  return (
    <Container data-testid="debtor-accounts">
      <Heading level="h2">{t("accounts")}</Heading>
      <form onSubmit={(e) => { e.preventDefault(); setQuery(customerId.trim() ? { customer_id: customerId.trim() } : {}) }} className="my-2 flex items-end gap-2">
        <div>
          <Label htmlFor="debtor-account-customer">{t("customerId")}</Label>
          <Input id="debtor-account-customer" value={customerId} onChange={(e) => setCustomerId(e.target.value)} />
        </div>
        <Button type="submit" variant="secondary">{t("findAccounts")}</Button>
      </form>
      <PagedTable
        rows={list.data?.accounts ?? []}
        rowKey={(a) => a.id}
        rowProps={(a) => ({ "data-account-id": a.id })}
        isLoading={list.isLoading}
        empty={<EmptyState title={t("noAccounts")} hint={t("noAccountsHint")} />}
        columns={[
          { key: "customer", header: t("customer"), cell: (a) => a.customer_id },
          { key: "card", header: t("card"), cell: (a) => a.card_code ?? "—" },
          { key: "balance", header: t("balance"), cell: (a) => <Money amount={a.balance} currency={a.currency_code} /> },
          { key: "limit", header: t("limit"), cell: (a) => <Money amount={a.credit_limit} currency={a.currency_code} /> },
          {
            key: "actions",
            header: "",
            cell: (a) => (
              <>
                <Button size="small" variant="secondary" onClick={() => setSelected(a)}>{t("movements")}</Button>{" "}
                <a className="text-ui-fg-interactive" href={`/admin/customer-accounts/${a.id}/statement?format=pdf`} target="_blank" rel="noreferrer">{t("statementPdf")}</a>
              </>
            ),
          },
        ]}
      />
      {selected && (
        <PagedTable
          data-testid="debtor-account-movements"
          rows={movements.data?.transactions ?? []}
          rowKey={(m) => m.id}
          isLoading={movements.isLoading}
          empty={<EmptyState title={t("noMovements")} />}
          columns={[
            { key: "when", header: t("when"), cell: (m) => new Date(m.created_at).toLocaleDateString(locale) },
            { key: "type", header: t("type"), cell: (m) => typeLabel(m.type) },
            { key: "amount", header: t("amount"), cell: (m) => <Money amount={m.amount} currency={selected.currency_code} /> },
            { key: "after", header: t("balanceAfter"), cell: (m) => <Money amount={m.balance_after} currency={selected.currency_code} /> },
            { key: "reference", header: t("reference"), cell: (m) => m.reference ?? "" },
          ]}
        />
      )}
    </Container>
  )
}

const DebtorsPage = () => {
  const t = useT(messages)
  const money = useFormatMoney()
  const [status, setStatus] = useState<string>("all")
  const [q, setQ] = useState("")
  const [query, setQuery] = useState<{ status?: string; q?: string }>({})
  const [page, setPage] = useState(0)
  const [selected, setSelected] = useState<string | null>(null)
  const pageSize = 50
  const list = useAdminCustomQuery<{ status?: string; q?: string; limit: number; offset: number }, { invoices: Invoice[]; count: number; totals: Totals[] }>(
    "/debtor-invoices",
    ["debtor-invoices", query, page],
    { ...query, limit: pageSize, offset: page * pageSize }
  )
  const search = (e: FormEvent) => {
    e.preventDefault()
    setPage(0)
    setQuery({ ...(status !== "all" ? { status } : {}), ...(q.trim() ? { q: q.trim() } : {}) })
  }
  const filtered = Object.keys(query).length > 0
  return (
    <div className="flex flex-col gap-4">
      <Container>
        <Heading level="h1">{t("title")}</Heading>
        <Text className="text-ui-fg-subtle">{t("intro")}</Text>
        <form onSubmit={search} className="my-2 flex flex-wrap items-end gap-2">
          <div className="w-48">
            <Label htmlFor="debtor-status-filter">{t("status")}</Label>
            <Select value={status} onValueChange={setStatus}>
              <Select.Trigger id="debtor-status-filter"><Select.Value /></Select.Trigger>
              <Select.Content>
                {STATUSES.map((s) => <Select.Item key={s} value={s}>{t(`status_${s}`)}</Select.Item>)}
              </Select.Content>
            </Select>
          </div>
          <div>
            <Label htmlFor="debtor-search">{t("searchLabel")}</Label>
            <Input id="debtor-search" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          <Button type="submit" variant="secondary">{t("search")}</Button>
          <a className="text-ui-fg-interactive" href="/admin/debtor-invoices/export?kind=open_items">{t("openItemsCsv")}</a>
          <a className="text-ui-fg-interactive" href="/admin/debtor-invoices/export?kind=payments">{t("paymentsCsv")}</a>
        </form>
        {list.isError && <Text className="text-ui-fg-error">{t("loadFailed", { error: errorText(list.error) })}</Text>}
        <div data-testid="debtor-totals">
          {(list.data?.totals ?? []).map((x) => (
            <Text key={x.currency_code}>
              {t("totalsLine", { count: x.count, total: money(x.total, x.currency_code), paid: money(x.paid, x.currency_code), open: money(x.open, x.currency_code) })}
            </Text>
          ))}
        </div>
        <PagedTable
          data-testid="debtor-list"
          rows={list.data?.invoices ?? []}
          rowKey={(i) => i.id}
          rowProps={(i) => ({ "data-invoice-number": i.number })}
          isLoading={list.isLoading}
          pageSize={pageSize}
          count={list.data?.count ?? 0}
          pageIndex={page}
          onPageChange={setPage}
          empty={filtered ? <EmptyState title={t("noMatch")} hint={t("noMatchHint")} /> : <EmptyState title={t("noInvoices")} hint={t("noInvoicesHint")} />}
          columns={[
            { key: "number", header: t("number"), cell: (i) => i.number },
            { key: "customer", header: t("customer"), cell: (i) => i.customer_name ?? "—" },
            { key: "issued", header: t("issued"), cell: (i) => i.issue_date },
            { key: "due", header: t("due"), cell: (i) => i.due_date },
            { key: "total", header: t("total"), cell: (i) => <Money amount={i.total} currency={i.currency_code} /> },
            { key: "open", header: t("openAmount"), cell: (i) => <Money amount={i.open_amount} currency={i.currency_code} /> },
            { key: "status", header: t("status"), cell: (i) => <Badge color={COLOR[statusOf(i)]}>{t(`status_${statusOf(i)}`)}</Badge> },
            { key: "action", header: "", cell: (i) => <Button size="small" variant="secondary" onClick={() => setSelected(i.id)}>{t("open")}</Button> },
          ]}
        />
        <Text className="text-ui-fg-subtle">{t("count", { count: list.data?.count ?? 0 })}</Text>
      </Container>
      {selected && <InvoicePanel key={selected} id={selected} onChanged={() => void list.refetch()} />}
      <Accounts />
    </div>
  )
}

export const config: RouteConfig = {
  link: {
    label: "Debtors",
    icon: DocumentText,
  },
}

// The sidebar link in the admin's language (the literal above is what the admin build checks).
localizeLink(config, { de: "Debitoren", en: "Debtors", pt: "Devedores" })

export default DebtorsPage
