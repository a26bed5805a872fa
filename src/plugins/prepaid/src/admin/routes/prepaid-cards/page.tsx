import type { RouteConfig } from "@medusajs/admin"
import { CreditCard } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { useAdminCustomPost, useAdminCustomQuery } from "medusa-react"
import { FormEvent, useState } from "react"

import { useIdempotentPost } from "../../components/idempotent-post"

type Card = {
  id: string
  code: string
  balance: number
  currency_code: string
  customer_id: string | null
  status: "inactive" | "active" | "blocked"
  account_status: string
  daily_limit: number | null
  replaced_by_id: string | null
}
type Transaction = {
  id: string
  type: string
  amount: number
  balance_after: number
  currency_code: string
  reference: string | null
  location_id: string | null
  metadata: { tender?: string } | null
  created_at: string
}

type ApiError = { response?: { data?: { message?: string } }; message?: string }
const errorText = (e: unknown): string => (e as ApiError)?.response?.data?.message ?? (e as ApiError)?.message ?? String(e)
/** Minor units as a decimal amount with the currency (display only). */
const money = (minor: number, currency: string): string => `${(minor / 100).toFixed(2)} ${currency.toUpperCase()}`
/** A decimal amount typed by the merchant ("12.50") in minor units, or null. */
const toMinor = (text: string): number | null => {
  const m = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text)
  return m ? Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0")) : null
}
const statusColor = (s: Card["status"]) => (s === "active" ? "green" : s === "blocked" ? "red" : "grey")

/** One card: history, top-up with reason, daily limit, block/unblock, replace. */
const CardDetail = ({ id, onReplaced }: { id: string; onReplaced: (id: string) => void }) => {
  const detail = useAdminCustomQuery<{ limit: number }, { prepaid_card: Card; transactions: Transaction[]; count: number }>(
    `/prepaid-cards/${id}`,
    ["prepaid-card", id],
    { limit: 100 }
  )
  const [amount, setAmount] = useState("")
  const [reason, setReason] = useState("")
  const [limit, setLimit] = useState("")
  // Money moves with an Idempotency-Key per intended change: a double click or a retry after a lost answer books once.
  const topUp = useIdempotentPost<{ amount: number; reason: string }, unknown>(`/prepaid-cards/${id}/top-up`)
  const update = useAdminCustomPost<{ daily_limit: number | null }, unknown>(`/prepaid-cards/${id}`, ["prepaid-card", id])
  const block = useAdminCustomPost<Record<string, never>, unknown>(`/prepaid-cards/${id}/block`, ["prepaid-card", id])
  const unblock = useAdminCustomPost<Record<string, never>, unknown>(`/prepaid-cards/${id}/unblock`, ["prepaid-card", id])
  const replace = useIdempotentPost<Record<string, never>, { prepaid_card: Card }>(`/prepaid-cards/${id}/replace`)
  const card = detail.data?.prepaid_card
  if (!card) {
    return <Container>{detail.isError ? errorText(detail.error) : "Loading…"}</Container>
  }
  const submitTopUp = (e: FormEvent) => {
    e.preventDefault()
    const minor = toMinor(amount)
    if (minor === null || minor <= 0) return
    void topUp.mutate(
      { amount: minor, reason },
      {
        onSuccess: () => {
          setAmount("")
          setReason("")
          void detail.refetch()
        },
      }
    )
  }
  const failed = [update, block, unblock, replace].find((m) => m.isError)
  return (
    <Container className="mb-4" data-testid="prepaid-detail">
      <Heading level="h2">Card {card.code}</Heading>
      <Text>
        Balance <b data-testid="prepaid-balance">{money(card.balance, card.currency_code)}</b> ·{" "}
        <Badge color={statusColor(card.status)}>{card.status}</Badge> · customer {card.customer_id ?? "anonymous"} · daily limit{" "}
        {card.daily_limit === null ? "none" : money(card.daily_limit, card.currency_code)}
      </Text>
      {card.replaced_by_id && <Text className="text-ui-fg-subtle">Replaced by {card.replaced_by_id}</Text>}
      {failed && <Text className="text-ui-fg-error">{errorText(failed.error)}</Text>}
      {topUp.isError && <Text className="text-ui-fg-error">{errorText(topUp.error)}</Text>}
      {!card.replaced_by_id && (
        <div className="my-2 flex flex-wrap items-end gap-2">
          <form onSubmit={submitTopUp} className="flex items-end gap-2">
            <div><Label htmlFor="pp-amount">Top-up amount</Label><Input id="pp-amount" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="10.00" required /></div>
            <div><Label htmlFor="pp-reason">Reason</Label><Input id="pp-reason" value={reason} onChange={(e) => setReason(e.target.value)} required /></div>
            <Button type="submit" isLoading={topUp.isLoading}>Top up</Button>
          </form>
          <form
            className="flex items-end gap-2"
            onSubmit={(e) => { e.preventDefault(); update.mutate({ daily_limit: limit.trim() ? toMinor(limit) : null }, { onSuccess: () => detail.refetch() }) }}
          >
            <div><Label htmlFor="pp-limit">Daily limit (empty: none)</Label><Input id="pp-limit" value={limit} onChange={(e) => setLimit(e.target.value)} placeholder="5.00" /></div>
            <Button type="submit" variant="secondary" isLoading={update.isLoading}>Set limit</Button>
          </form>
          {card.status === "active" && (
            <Button variant="danger" onClick={() => block.mutate({}, { onSuccess: () => detail.refetch() })}>Block</Button>
          )}
          {card.status === "blocked" && (
            <Button variant="secondary" onClick={() => unblock.mutate({}, { onSuccess: () => detail.refetch() })}>Unblock</Button>
          )}
          {card.status !== "inactive" && (
            <Button variant="secondary" isLoading={replace.isLoading} onClick={() => void replace.mutate({}, { onSuccess: (d) => onReplaced(d.prepaid_card.id) })}>
              Replace lost card
            </Button>
          )}
        </div>
      )}
      <Table className="my-2" data-testid="prepaid-history">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>When</Table.HeaderCell>
            <Table.HeaderCell>Type</Table.HeaderCell>
            <Table.HeaderCell>Amount</Table.HeaderCell>
            <Table.HeaderCell>Balance after</Table.HeaderCell>
            <Table.HeaderCell>Tender / reference</Table.HeaderCell>
            <Table.HeaderCell>Location</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {(detail.data?.transactions ?? []).map((t) => (
            <Table.Row key={t.id}>
              <Table.Cell>{new Date(t.created_at).toLocaleString()}</Table.Cell>
              <Table.Cell>{t.type}</Table.Cell>
              <Table.Cell>{money(t.amount, t.currency_code)}</Table.Cell>
              <Table.Cell>{money(t.balance_after, t.currency_code)}</Table.Cell>
              <Table.Cell>{[t.metadata?.tender, t.reference].filter(Boolean).join(" · ")}</Table.Cell>
              <Table.Cell>{t.location_id ?? ""}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </Container>
  )
}

/** Pre-printed cards: a list of codes or UIDs, inactive until a till issues them. */
const Batch = () => {
  const [codes, setCodes] = useState("")
  const [currency, setCurrency] = useState("eur")
  // With an Idempotency-Key: a double click or a retry creates the cards once.
  const create = useIdempotentPost<{ currency_code: string; codes: string[] }, { count: number }>("/prepaid-cards/batch")
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const list = codes.split(/[\n,;]+/).map((c) => c.trim()).filter(Boolean)
    void create.mutate({ currency_code: currency, codes: list }, { onSuccess: () => setCodes("") })
  }
  return (
    <Container className="mb-4">
      <Heading level="h2">Pre-printed cards</Heading>
      <form onSubmit={submit} className="flex items-end gap-2">
        <div className="flex-1">
          <Label htmlFor="pp-batch">Codes or RFID UIDs, one per line</Label>
          <textarea id="pp-batch" className="bg-ui-bg-field border-ui-border-base block w-full rounded-md border p-2" rows={3} value={codes} onChange={(e) => setCodes(e.target.value)} required />
        </div>
        <div><Label htmlFor="pp-currency">Currency</Label><Input id="pp-currency" value={currency} onChange={(e) => setCurrency(e.target.value)} required /></div>
        <Button type="submit" variant="secondary" isLoading={create.isLoading}>Create inactive cards</Button>
      </form>
      {create.data && <Text>{create.data.count} cards created; a till activates each when it issues it.</Text>}
      {create.isError && <Text className="text-ui-fg-error">{errorText(create.error)}</Text>}
    </Container>
  )
}

/** The "Prepaid cards" page: search, detail with history, batch creation, CSV export. */
const PrepaidCardsPage = () => {
  const [q, setQ] = useState("")
  const [search, setSearch] = useState("")
  const [selected, setSelected] = useState<string | null>(null)
  const [from, setFrom] = useState("")
  const [to, setTo] = useState("")
  const list = useAdminCustomQuery<{ q?: string; limit: number }, { prepaid_cards: Card[]; count: number }>(
    "/prepaid-cards",
    ["prepaid-cards", search],
    { ...(search ? { q: search } : {}), limit: 50 }
  )
  const exportQuery = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) }).toString()
  return (
    <div>
      <Container className="mb-4">
        <Heading level="h1">Prepaid cards</Heading>
        <Text className="text-ui-fg-subtle">
          Cards topped up at tills, top-up terminals and online, charged at tills and self-checkouts. One balance, every location.
        </Text>
        <form className="mt-2 flex items-end gap-2" onSubmit={(e) => { e.preventDefault(); setSearch(q.trim()) }}>
          <div><Label htmlFor="pp-search">Code or customer</Label><Input id="pp-search" value={q} onChange={(e) => setQ(e.target.value)} /></div>
          <Button type="submit" variant="secondary">Search</Button>
          <div><Label htmlFor="pp-from">From</Label><Input id="pp-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></div>
          <div><Label htmlFor="pp-to">To (exclusive)</Label><Input id="pp-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} /></div>
          <a className="text-ui-fg-interactive" href={`/admin/prepaid-cards/export${exportQuery ? `?${exportQuery}` : ""}`}>Export transactions (CSV)</a>
        </form>
        {list.isError && <Text className="text-ui-fg-error">Could not load: {errorText(list.error)}</Text>}
        <Table className="my-2" data-testid="prepaid-list">
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Code</Table.HeaderCell>
              <Table.HeaderCell>Customer</Table.HeaderCell>
              <Table.HeaderCell>Balance</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell></Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {(list.data?.prepaid_cards ?? []).map((c) => (
              <Table.Row key={c.id} data-prepaid-code={c.code}>
                <Table.Cell>{c.code}</Table.Cell>
                <Table.Cell>{c.customer_id ?? "anonymous"}</Table.Cell>
                <Table.Cell>{money(c.balance, c.currency_code)}</Table.Cell>
                <Table.Cell><Badge color={statusColor(c.status)}>{c.status}</Badge></Table.Cell>
                <Table.Cell><Button size="small" variant="secondary" onClick={() => setSelected(c.id)}>Open</Button></Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
        <Text className="text-ui-fg-subtle">{list.data?.count ?? 0} cards</Text>
      </Container>
      {selected && <CardDetail key={selected} id={selected} onReplaced={setSelected} />}
      <Batch />
    </div>
  )
}

export const config: RouteConfig = {
  link: {
    label: "Prepaid cards",
    icon: CreditCard,
  },
}

export default PrepaidCardsPage
