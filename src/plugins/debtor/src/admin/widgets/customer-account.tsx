import type { CustomerDetailsWidgetProps, WidgetConfig } from "@medusajs/admin"
import { Button, Container, Heading, Input, Label, Text } from "@medusajs/ui"
import { useAdminCustomQuery } from "medusa-react"
import { FormEvent, useState } from "react"

import { AmountInput, errorText, formatAmountInput, Money, useAdminLocale, useAdminPost, useFormatMoney, useT } from "@customer-modules/admin-kit"

import { messages } from "../messages"

type Settings = { payment_terms_days: number | null; monthly_statement: boolean; address_lines: string[]; invoice_approved: boolean; invoice_limit: number }
type Account = { id: string; currency_code: string; balance: number; credit_limit: number; available: number; card_code: string | null }
type Draft = { terms: string; monthly: boolean; address: string; approved: boolean; limit: number | null }

/** Payment terms, invoice address, the monthly open-items statement and the approval for buying on invoice. */
const DebtorSettings = ({ customerId }: { customerId: string }) => {
  const t = useT(messages)
  const locale = useAdminLocale()
  const query = useAdminCustomQuery<Record<string, never>, { settings: Settings }>(`/debtor-customers/${customerId}`, ["debtor-customer", customerId])
  const save = useAdminPost<Omit<Settings, "customer_id">, { settings: Settings }>(`/debtor-customers/${customerId}`)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const settings = query.data?.settings
  if (!settings) {
    return null
  }
  const current: Draft = draft ?? {
    terms: settings.payment_terms_days === null ? "" : String(settings.payment_terms_days),
    monthly: settings.monthly_statement,
    address: settings.address_lines.join("\n"),
    approved: settings.invoice_approved,
    limit: settings.invoice_limit,
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const terms = current.terms.trim() === "" ? null : Number(current.terms)
    if (terms !== null && (!Number.isInteger(terms) || terms < 0 || terms > 365)) {
      setMessage(t("badTerms"))
      return
    }
    const address_lines = current.address.split("\n").map((l) => l.trim()).filter(Boolean).slice(0, 6)
    if (current.limit === null) {
      setMessage(t("badLimit", { example: formatAmountInput(50000, "eur", locale) }))
      return
    }
    void save.mutate(
      { payment_terms_days: terms, monthly_statement: current.monthly, address_lines, invoice_approved: current.approved, invoice_limit: current.limit },
      { onSuccess: () => { setDraft(null); setMessage(t("saved")); void query.refetch() }, onError: (err) => setMessage(errorText(err)) }
    )
  }
  return (
    <form onSubmit={submit} className="my-2 flex flex-col gap-2" data-testid="debtor-customer-settings">
      <Heading level="h3">{t("invoices")}</Heading>
      <div className="flex items-end gap-2">
        <div>
          <Label htmlFor="debtor-terms">{t("terms")}</Label>
          <Input id="debtor-terms" value={current.terms} onChange={(e) => setDraft({ ...current, terms: e.target.value })} placeholder="14" />
        </div>
        <label className="flex items-center gap-1">
          <input id="debtor-monthly" type="checkbox" checked={current.monthly} onChange={(e) => setDraft({ ...current, monthly: e.target.checked })} />
          <Text>{t("monthly")}</Text>
        </label>
      </div>
      <div className="flex items-end gap-2">
        <label className="flex items-center gap-1">
          <input id="debtor-invoice-approved" type="checkbox" checked={current.approved} onChange={(e) => setDraft({ ...current, approved: e.target.checked })} />
          <Text>{t("approved")}</Text>
        </label>
        <div>
          <Label htmlFor="debtor-invoice-limit">{t("invoiceLimit")}</Label>
          <AmountInput id="debtor-invoice-limit" currency="eur" value={current.limit} onChange={(limit) => setDraft({ ...current, limit })} placeholder={formatAmountInput(50000, "eur", locale)} />
        </div>
      </div>
      <Label htmlFor="debtor-address">{t("address")}</Label>
      <textarea id="debtor-address" className="bg-ui-bg-field border-ui-border-base rounded-md border p-1" rows={3} value={current.address} onChange={(e) => setDraft({ ...current, address: e.target.value })} />
      <div><Button type="submit" size="small" variant="secondary" isLoading={save.isLoading}>{t("saveSettings")}</Button></div>
      {message && <Text>{message}</Text>}
    </form>
  )
}

/** On the customer page: the customer's accounts (balance, limit, card, statement) and opening one. */
const CustomerAccountWidget = ({ customer }: CustomerDetailsWidgetProps) => {
  const t = useT(messages)
  const locale = useAdminLocale()
  const money = useFormatMoney()
  const list = useAdminCustomQuery<{ customer_id: string }, { accounts: Account[] }>("/customer-accounts", ["customer-accounts", customer.id], { customer_id: customer.id })
  const open = useAdminPost<{ customer_id: string; currency_code: string; credit_limit: number }, { account: Account }>("/customer-accounts")
  const send = useAdminPost<Record<string, never>, unknown>(`/customer-accounts/${list.data?.accounts[0]?.id ?? "none"}/statement/send`)
  const [limit, setLimit] = useState<number | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (limit === null) {
      setMessage(t("enterLimit", { example: formatAmountInput(10000, "eur", locale) }))
      return
    }
    void open.mutate(
      { customer_id: customer.id, currency_code: "eur", credit_limit: limit },
      { onSuccess: () => { setMessage(t("accountOpened")); void list.refetch() }, onError: (err) => setMessage(errorText(err)) }
    )
  }
  const accounts = list.data?.accounts ?? []
  return (
    <Container data-testid="debtor-customer-account">
      <Heading level="h2">{t("widgetTitle")}</Heading>
      {accounts.map((a) => (
        <div key={a.id} className="my-2">
          <Text>
            {t("widgetBalance")} <span data-testid="debtor-account-balance"><Money amount={a.balance} currency={a.currency_code} /></span> ·{" "}
            {t("widgetLimit", { amount: money(a.credit_limit, a.currency_code) })} · {t("widgetAvailable", { amount: money(a.available, a.currency_code) })}
          </Text>
          <Text>{t("widgetCard", { code: a.card_code ?? "—" })}</Text>
          <div className="flex gap-2">
            <a className="text-ui-fg-interactive" href={`/admin/customer-accounts/${a.id}/statement?format=pdf`} target="_blank" rel="noreferrer">{t("statementPdf")}</a>
            <Button size="small" variant="secondary" isLoading={send.isLoading} onClick={() => void send.mutate({}, { onSuccess: () => setMessage(t("statementQueued")), onError: (err) => setMessage(errorText(err)) })}>
              {t("mailStatement")}
            </Button>
          </div>
        </div>
      ))}
      {accounts.length === 0 && (
        <form onSubmit={submit} className="my-2 flex items-end gap-2">
          <div>
            <Label htmlFor="debtor-credit-limit">{t("creditLimit")}</Label>
            <AmountInput id="debtor-credit-limit" currency="eur" value={limit} onChange={setLimit} placeholder={formatAmountInput(10000, "eur", locale)} />
          </div>
          <Button type="submit" isLoading={open.isLoading}>{t("openAccount")}</Button>
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
