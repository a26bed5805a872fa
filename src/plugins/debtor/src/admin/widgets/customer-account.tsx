import type { CustomerDetailsWidgetProps, WidgetConfig } from "@medusajs/admin"
import { Button, Container, Heading, Input, Label, Text } from "@medusajs/ui"
import { useAdminCustomPost, useAdminCustomQuery } from "medusa-react"
import { FormEvent, useState } from "react"

type Settings = { payment_terms_days: number | null; monthly_statement: boolean; address_lines: string[]; invoice_approved: boolean; invoice_limit: number }

/** The texts of the "on invoice" approval, in the admin's browser language (de, en, pt). */
const APPROVAL_TEXTS = {
  de: { approved: "Für Kauf auf Rechnung freigegeben", limit: "Limit offener Rechnungen", limitHelp: "Betrag wie 500,00", badLimit: "Limit: ein Betrag wie 500,00" },
  en: { approved: "Approved for purchase on invoice", limit: "Limit of open invoices", limitHelp: "An amount like 500.00", badLimit: "Limit: an amount like 500.00" },
  pt: { approved: "Autorizado a comprar com fatura", limit: "Limite de faturas em aberto", limitHelp: "Um valor como 500,00", badLimit: "Limite: um valor como 500,00" },
}
const approvalTexts = () => {
  const lang = (typeof navigator === "undefined" ? "en" : navigator.language).slice(0, 2)
  return APPROVAL_TEXTS[lang === "de" || lang === "pt" ? lang : "en"]
}
type Account = { id: string; currency_code: string; balance: number; credit_limit: number; available: number; card_code: string | null }

type ApiError = { response?: { data?: { message?: string } }; message?: string }
const errorText = (e: unknown): string => (e as ApiError)?.response?.data?.message ?? (e as ApiError)?.message ?? String(e)
const money = (minor: number, currency: string): string => `${(minor / 100).toFixed(2)} ${currency.toUpperCase()}`
const toMinor = (text: string): number | null => {
  const m = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text)
  return m ? Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0")) : null
}

/** Payment terms, invoice address and the monthly open-items statement of one customer. */
const DebtorSettings = ({ customerId }: { customerId: string }) => {
  const query = useAdminCustomQuery<Record<string, never>, { settings: Settings }>(`/debtor-customers/${customerId}`, ["debtor-customer", customerId])
  const save = useAdminCustomPost<Omit<Settings, "customer_id">, { settings: Settings }>(
    `/debtor-customers/${customerId}`,
    ["debtor-customer", customerId]
  )
  const [draft, setDraft] = useState<{ terms: string; monthly: boolean; address: string; approved: boolean; limit: string } | null>(null)
  const t = approvalTexts()
  const [message, setMessage] = useState<string | null>(null)
  const settings = query.data?.settings
  if (!settings) {
    return null
  }
  const current = draft ?? {
    terms: settings.payment_terms_days === null ? "" : String(settings.payment_terms_days),
    monthly: settings.monthly_statement,
    address: settings.address_lines.join("\n"),
    approved: settings.invoice_approved,
    limit: (settings.invoice_limit / 100).toFixed(2),
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const terms = current.terms.trim() === "" ? null : Number(current.terms)
    if (terms !== null && (!Number.isInteger(terms) || terms < 0 || terms > 365)) {
      setMessage("Payment terms: 0 to 365 days, or empty for the default")
      return
    }
    const address_lines = current.address.split("\n").map((l) => l.trim()).filter(Boolean).slice(0, 6)
    const invoice_limit = toMinor(current.limit)
    if (invoice_limit === null) {
      setMessage(t.badLimit)
      return
    }
    save.mutate({ payment_terms_days: terms, monthly_statement: current.monthly, address_lines, invoice_approved: current.approved, invoice_limit }, { onSuccess: () => { setDraft(null); setMessage("Saved") }, onError: (err) => setMessage(errorText(err)) })
  }
  return (
    <form onSubmit={submit} className="my-2 flex flex-col gap-2" data-testid="debtor-customer-settings">
      <Heading level="h3">Invoices</Heading>
      <div className="flex items-end gap-2">
        <div>
          <Label htmlFor="debtor-terms">Payment terms (days)</Label>
          <Input id="debtor-terms" value={current.terms} onChange={(e) => setDraft({ ...current, terms: e.target.value })} placeholder="14" />
        </div>
        <label className="flex items-center gap-1">
          <input id="debtor-monthly" type="checkbox" checked={current.monthly} onChange={(e) => setDraft({ ...current, monthly: e.target.checked })} />
          <Text>Monthly open-items statement</Text>
        </label>
      </div>
      <div className="flex items-end gap-2">
        <label className="flex items-center gap-1">
          <input id="debtor-invoice-approved" type="checkbox" checked={current.approved} onChange={(e) => setDraft({ ...current, approved: e.target.checked })} />
          <Text>{t.approved}</Text>
        </label>
        <div>
          <Label htmlFor="debtor-invoice-limit">{t.limit}</Label>
          <Input id="debtor-invoice-limit" value={current.limit} onChange={(e) => setDraft({ ...current, limit: e.target.value })} placeholder={t.limitHelp} />
        </div>
      </div>
      <Label htmlFor="debtor-address">Invoice address (one line each)</Label>
      <textarea id="debtor-address" className="rounded border p-1" rows={3} value={current.address} onChange={(e) => setDraft({ ...current, address: e.target.value })} />
      <div><Button type="submit" size="small" variant="secondary" isLoading={save.isLoading}>Save invoice settings</Button></div>
      {message && <Text>{message}</Text>}
    </form>
  )
}

/** On the customer page: the customer's accounts (balance, limit, card, statement) and opening one. */
const CustomerAccountWidget = ({ customer }: CustomerDetailsWidgetProps) => {
  const list = useAdminCustomQuery<{ customer_id: string }, { accounts: Account[] }>("/customer-accounts", ["customer-accounts", customer.id], { customer_id: customer.id })
  const open = useAdminCustomPost<{ customer_id: string; currency_code: string; credit_limit: number }, { account: Account }>("/customer-accounts", ["customer-accounts", customer.id])
  const send = useAdminCustomPost<Record<string, never>, unknown>(`/customer-accounts/${list.data?.accounts[0]?.id ?? "none"}/statement/send`, ["customer-accounts", customer.id])
  const [limit, setLimit] = useState("")
  const [message, setMessage] = useState<string | null>(null)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const minor = toMinor(limit)
    if (minor === null) {
      setMessage("Enter a credit limit like 100.00")
      return
    }
    open.mutate({ customer_id: customer.id, currency_code: "eur", credit_limit: minor }, { onSuccess: () => setMessage("Account opened"), onError: (err) => setMessage(errorText(err)) })
  }
  const accounts = list.data?.accounts ?? []
  return (
    <Container data-testid="debtor-customer-account">
      <Heading level="h2">Customer account</Heading>
      {accounts.map((a) => (
        <div key={a.id} className="my-2">
          <Text>Balance <span data-testid="debtor-account-balance">{money(a.balance, a.currency_code)}</span> · limit {money(a.credit_limit, a.currency_code)} · available {money(a.available, a.currency_code)}</Text>
          <Text>Card {a.card_code ?? "—"}</Text>
          <div className="flex gap-2">
            <a className="text-ui-fg-interactive" href={`/admin/customer-accounts/${a.id}/statement?format=pdf`} target="_blank" rel="noreferrer">Statement PDF</a>
            <Button size="small" variant="secondary" onClick={() => send.mutate({}, { onSuccess: () => setMessage("Statement queued"), onError: (err) => setMessage(errorText(err)) })}>Mail statement</Button>
          </div>
        </div>
      ))}
      {accounts.length === 0 && (
        <form onSubmit={submit} className="my-2 flex items-end gap-2">
          <div>
            <Label htmlFor="debtor-credit-limit">Credit limit (EUR)</Label>
            <Input id="debtor-credit-limit" value={limit} onChange={(e) => setLimit(e.target.value)} placeholder="100.00" />
          </div>
          <Button type="submit" isLoading={open.isLoading}>Open customer account</Button>
        </form>
      )}
      {message && <Text>{message}</Text>}
      <DebtorSettings customerId={customer.id} />
    </Container>
  )
}

export const config: WidgetConfig = {
  zone: "customer.details.after",
}

export default CustomerAccountWidget
