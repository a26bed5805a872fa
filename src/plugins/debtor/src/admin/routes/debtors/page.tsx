import type { RouteConfig } from "@medusajs/admin"
import { DocumentText } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Select, Table, Text } from "@medusajs/ui"
import { useAdminCustomPost, useAdminCustomQuery } from "medusa-react"
import { FormEvent, useState } from "react"

import { useIdempotentPost } from "../../components/idempotent-post"

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

type ApiError = { response?: { data?: { message?: string } }; message?: string }
const errorText = (e: unknown): string => (e as ApiError)?.response?.data?.message ?? (e as ApiError)?.message ?? String(e)
/** Minor units as a decimal amount with the currency (display only). */
const money = (minor: number, currency: string): string => `${(minor / 100).toFixed(2)} ${currency.toUpperCase()}`
/** A decimal amount typed by the merchant ("12.50") in minor units, or null. */
const toMinor = (text: string): number | null => {
  const m = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text)
  return m ? Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0")) : null
}
const statusOf = (i: Invoice): { label: string; color: "green" | "red" | "grey" | "orange" } =>
  i.status === "paid" ? { label: "paid", color: "green" } : i.status === "cancelled" ? { label: "cancelled", color: "grey" } : i.overdue ? { label: "overdue", color: "red" } : { label: "open", color: "orange" }

/** One invoice: amounts, PDF preview, payments, record a payment, resend, cancel. */
const InvoicePanel = ({ id }: { id: string }) => {
  const detail = useAdminCustomQuery<Record<string, never>, { invoice: InvoiceDetail }>(`/debtor-invoices/${id}`, ["debtor-invoice", id])
  // One Idempotency-Key per intended payment: a double click or a retry after a lost answer records it once.
  const pay = useIdempotentPost<{ amount: number; method: string }, unknown>(`/debtor-invoices/${id}/payments`)
  const send = useAdminCustomPost<Record<string, never>, unknown>(`/debtor-invoices/${id}/send`, ["debtor-invoice", id])
  const cancel = useAdminCustomPost<Record<string, never>, unknown>(`/debtor-invoices/${id}/cancel`, ["debtor-invoice", id])
  const [amount, setAmount] = useState("")
  const [method, setMethod] = useState("bank_transfer")
  const [message, setMessage] = useState<string | null>(null)
  const invoice = detail.data?.invoice
  if (!invoice) {
    return <Container>{detail.isError ? <Text className="text-ui-fg-error">{errorText(detail.error)}</Text> : <Text>Loading…</Text>}</Container>
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const minor = toMinor(amount)
    if (minor === null || minor <= 0) {
      setMessage("Enter an amount like 12.50")
      return
    }
    setMessage(null)
    void pay.mutate(
      { amount: minor, method },
      {
        onSuccess: () => {
          setAmount("")
          setMessage("Payment recorded")
          void detail.refetch()
        },
        onError: (err) => setMessage(errorText(err)),
      }
    )
  }
  const status = statusOf(invoice)
  return (
    <Container data-testid="debtor-detail">
      <div className="flex items-center justify-between">
        <Heading level="h2">Invoice {invoice.number}</Heading>
        <Badge color={status.color} data-testid="debtor-status">{status.label}</Badge>
      </div>
      <Text>{invoice.customer_name ?? "no name"} · {invoice.email ?? "no e-mail"} · issued {invoice.issue_date}, due {invoice.due_date}</Text>
      <Table className="my-2">
        <Table.Header>
          <Table.Row><Table.HeaderCell>Tax rate</Table.HeaderCell><Table.HeaderCell>Net</Table.HeaderCell><Table.HeaderCell>Tax</Table.HeaderCell><Table.HeaderCell>Gross</Table.HeaderCell></Table.Row>
        </Table.Header>
        <Table.Body>
          {invoice.tax_groups.map((g) => (
            <Table.Row key={g.tax_rate}>
              <Table.Cell>{g.tax_rate} %</Table.Cell>
              <Table.Cell>{money(g.net, invoice.currency_code)}</Table.Cell>
              <Table.Cell>{money(g.tax, invoice.currency_code)}</Table.Cell>
              <Table.Cell>{money(g.gross, invoice.currency_code)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Text>Total {money(invoice.total, invoice.currency_code)} · paid {money(invoice.paid_total, invoice.currency_code)} · open <span data-testid="debtor-open">{money(invoice.open_amount, invoice.currency_code)}</span></Text>
      {invoice.credit_note && <Text>Credit note {invoice.credit_note.number}</Text>}
      {invoice.credit_notes.filter((n) => n.kind === "refund").map((n) => (
        <Text key={n.id}>Credit note {n.number} ({n.issue_date}): {money(n.total, invoice.currency_code)}</Text>
      ))}
      {invoice.reminders.length > 0 && <Text>Reminders: {invoice.reminders.map((r) => `level ${r.level} (${r.sent_on})`).join(", ")}</Text>}
      <ul className="my-2">
        {invoice.payments.map((p) => (
          <li key={p.id}><Text>{p.paid_on}: {money(p.amount, invoice.currency_code)} ({p.method})</Text></li>
        ))}
      </ul>
      {invoice.status === "open" && (
        <form onSubmit={submit} className="my-2 flex items-end gap-2">
          <div>
            <Label htmlFor="debtor-amount">Payment</Label>
            <Input id="debtor-amount" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="12.50" />
          </div>
          <div>
            <Label htmlFor="debtor-method">Method</Label>
            <select id="debtor-method" className="rounded border px-2 py-1" value={method} onChange={(e) => setMethod(e.target.value)}>
              {["bank_transfer", "cash", "card", "direct_debit", "other"].map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </div>
          <Button type="submit" isLoading={pay.isLoading}>Record payment</Button>
          <Button type="button" variant="secondary" onClick={() => send.mutate({}, { onSuccess: () => setMessage("Invoice queued for sending"), onError: (err) => setMessage(errorText(err)) })}>Send PDF</Button>
          {invoice.paid_total === 0 && (
            <Button type="button" variant="danger" onClick={() => cancel.mutate({}, { onSuccess: () => setMessage("Cancelled with a credit note"), onError: (err) => setMessage(errorText(err)) })}>Cancel (credit note)</Button>
          )}
        </form>
      )}
      {message && <Text data-testid="debtor-message">{message}</Text>}
      <iframe title={`Invoice ${invoice.number}`} src={`/admin/debtor-invoices/${invoice.id}/pdf`} className="mt-2 h-[560px] w-full rounded border" data-testid="debtor-pdf" />
    </Container>
  )
}

/** Customer accounts: balance, limit, recent movements, statement PDF. */
const Accounts = () => {
  const [customerId, setCustomerId] = useState("")
  const [query, setQuery] = useState<{ customer_id?: string }>({})
  const [selected, setSelected] = useState<string | null>(null)
  const list = useAdminCustomQuery<{ customer_id?: string }, { accounts: Account[]; count: number }>("/customer-accounts", ["customer-accounts", query], query)
  const movements = useAdminCustomQuery<{ limit: number }, { transactions: Movement[] }>(
    `/customer-accounts/${selected ?? "none"}/statement`,
    ["customer-account", selected],
    { limit: 20 },
    { enabled: selected !== null }
  )
  return (
    <Container data-testid="debtor-accounts">
      <Heading level="h2">Customer accounts</Heading>
      <form onSubmit={(e) => { e.preventDefault(); setQuery(customerId.trim() ? { customer_id: customerId.trim() } : {}) }} className="my-2 flex items-end gap-2">
        <div>
          <Label htmlFor="debtor-account-customer">Customer id</Label>
          <Input id="debtor-account-customer" value={customerId} onChange={(e) => setCustomerId(e.target.value)} />
        </div>
        <Button type="submit" variant="secondary">Find accounts</Button>
      </form>
      <Table>
        <Table.Header>
          <Table.Row><Table.HeaderCell>Customer</Table.HeaderCell><Table.HeaderCell>Card</Table.HeaderCell><Table.HeaderCell>Balance</Table.HeaderCell><Table.HeaderCell>Limit</Table.HeaderCell><Table.HeaderCell></Table.HeaderCell></Table.Row>
        </Table.Header>
        <Table.Body>
          {(list.data?.accounts ?? []).map((a) => (
            <Table.Row key={a.id} data-account-id={a.id}>
              <Table.Cell>{a.customer_id}</Table.Cell>
              <Table.Cell>{a.card_code ?? "—"}</Table.Cell>
              <Table.Cell>{money(a.balance, a.currency_code)}</Table.Cell>
              <Table.Cell>{money(a.credit_limit, a.currency_code)}</Table.Cell>
              <Table.Cell>
                <Button size="small" variant="secondary" onClick={() => setSelected(a.id)}>Movements</Button>{" "}
                <a className="text-ui-fg-interactive" href={`/admin/customer-accounts/${a.id}/statement?format=pdf`} target="_blank" rel="noreferrer">Statement PDF</a>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {selected && (
        <ul className="my-2" data-testid="debtor-account-movements">
          {(movements.data?.transactions ?? []).map((t) => (
            <li key={t.id}><Text>{t.created_at.slice(0, 10)} {t.type} {t.amount} → {t.balance_after} {t.reference ?? ""}</Text></li>
          ))}
        </ul>
      )}
    </Container>
  )
}

const DebtorsPage = () => {
  const [status, setStatus] = useState("all")
  const [q, setQ] = useState("")
  const [query, setQuery] = useState<{ status?: string; q?: string }>({})
  const [selected, setSelected] = useState<string | null>(null)
  const list = useAdminCustomQuery<{ status?: string; q?: string; limit: number }, { invoices: Invoice[]; count: number; totals: Totals[] }>(
    "/debtor-invoices",
    ["debtor-invoices", query],
    { ...query, limit: 50 }
  )
  const search = (e: FormEvent) => {
    e.preventDefault()
    setQuery({ ...(status !== "all" ? { status } : {}), ...(q.trim() ? { q: q.trim() } : {}) })
  }
  return (
    <div className="flex flex-col gap-4">
      <Container>
        <Heading level="h1">Debtors</Heading>
        <Text className="text-ui-fg-subtle">Invoices written at the till: open, overdue, paid and cancelled, with payments and credit notes.</Text>
        <form onSubmit={search} className="my-2 flex items-end gap-2">
          <div className="w-48">
            <Label htmlFor="debtor-status-filter">Status</Label>
            <Select value={status} onValueChange={setStatus}>
              <Select.Trigger id="debtor-status-filter"><Select.Value /></Select.Trigger>
              <Select.Content>
                {["all", "open", "overdue", "paid", "cancelled"].map((s) => <Select.Item key={s} value={s}>{s}</Select.Item>)}
              </Select.Content>
            </Select>
          </div>
          <div>
            <Label htmlFor="debtor-search">Number, name or e-mail</Label>
            <Input id="debtor-search" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          <Button type="submit" variant="secondary">Search</Button>
          <a className="text-ui-fg-interactive" href="/admin/debtor-invoices/export?kind=open_items">Open items CSV</a>
          <a className="text-ui-fg-interactive" href="/admin/debtor-invoices/export?kind=payments">Payments CSV</a>
        </form>
        {list.isError && <Text className="text-ui-fg-error">Could not load: {errorText(list.error)}</Text>}
        <div data-testid="debtor-totals">
          {(list.data?.totals ?? []).map((t) => (
            <Text key={t.currency_code}>{t.count} invoices · total {money(t.total, t.currency_code)} · paid {money(t.paid, t.currency_code)} · open {money(t.open, t.currency_code)}</Text>
          ))}
        </div>
        <Table className="my-2" data-testid="debtor-list">
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Number</Table.HeaderCell>
              <Table.HeaderCell>Customer</Table.HeaderCell>
              <Table.HeaderCell>Issued</Table.HeaderCell>
              <Table.HeaderCell>Due</Table.HeaderCell>
              <Table.HeaderCell>Total</Table.HeaderCell>
              <Table.HeaderCell>Open</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell></Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {(list.data?.invoices ?? []).map((i) => {
              const s = statusOf(i)
              return (
                <Table.Row key={i.id} data-invoice-number={i.number}>
                  <Table.Cell>{i.number}</Table.Cell>
                  <Table.Cell>{i.customer_name ?? "—"}</Table.Cell>
                  <Table.Cell>{i.issue_date}</Table.Cell>
                  <Table.Cell>{i.due_date}</Table.Cell>
                  <Table.Cell>{money(i.total, i.currency_code)}</Table.Cell>
                  <Table.Cell>{money(i.open_amount, i.currency_code)}</Table.Cell>
                  <Table.Cell><Badge color={s.color}>{s.label}</Badge></Table.Cell>
                  <Table.Cell><Button size="small" variant="secondary" onClick={() => setSelected(i.id)}>Open</Button></Table.Cell>
                </Table.Row>
              )
            })}
          </Table.Body>
        </Table>
        <Text className="text-ui-fg-subtle">{list.data?.count ?? 0} invoices</Text>
      </Container>
      {selected && <InvoicePanel key={selected} id={selected} />}
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

export default DebtorsPage
