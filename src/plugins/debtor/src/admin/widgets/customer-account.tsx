import type { CustomerDetailsWidgetProps, WidgetConfig } from "@medusajs/admin"
import { Button, Container, Heading, Input, Label, Text } from "@medusajs/ui"
import { useAdminCustomPost, useAdminCustomQuery } from "medusa-react"
import { FormEvent, useState } from "react"

type Account = { id: string; currency_code: string; balance: number; credit_limit: number; available: number; card_code: string | null }

type ApiError = { response?: { data?: { message?: string } }; message?: string }
const errorText = (e: unknown): string => (e as ApiError)?.response?.data?.message ?? (e as ApiError)?.message ?? String(e)
const money = (minor: number, currency: string): string => `${(minor / 100).toFixed(2)} ${currency.toUpperCase()}`
const toMinor = (text: string): number | null => {
  const m = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text)
  return m ? Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0")) : null
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
    </Container>
  )
}

export const config: WidgetConfig = {
  zone: "customer.details.after",
}

export default CustomerAccountWidget
