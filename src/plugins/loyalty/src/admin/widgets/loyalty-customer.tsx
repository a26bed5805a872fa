import type { CustomerDetailsWidgetProps, WidgetConfig } from "@medusajs/admin"
import { Badge, Button, Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { useAdminCustomQuery } from "medusa-react"
import { FormEvent, useState } from "react"

import { errorStatus, errorText, formatMinor, newKey, PointsTransaction, useAdminPost } from "../components/shared"

type Overview = {
  customer: { marketing_consent: boolean }
  points: number
  cards: { code: string; status: string }[]
  transactions: PointsTransaction[]
  count: number
  visits: { id: string; created_at: string; amount_minor: number; currency_code: string; points_earned: number }[]
}

/** History entries per page. */
const PAGE = 10

const TYPE_LABELS: Record<string, string> = {
  grant: "earned / granted",
  redeem: "redeemed",
  adjust: "deducted / taken back",
  expire: "expired",
  reverse: "reversed",
}

/** Grant (positive) or deduct (negative) points with a reason; one Idempotency-Key per intended booking. */
const AdjustForm = ({ customerId, onDone }: { customerId: string; onDone: () => void }) => {
  const [points, setPoints] = useState("")
  const [reason, setReason] = useState("")
  const [key, setKey] = useState(newKey)
  const state = useAdminPost()
  const edit = (set: (v: string) => void) => (e: React.ChangeEvent<HTMLInputElement>) => {
    set(e.target.value)
    setKey(newKey())
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const n = Number(points)
    if (!Number.isInteger(n) || n === 0) return state.refuse("Enter a whole number of points, negative to deduct")
    const booked = await state.post<{ points: number }>(`/loyalty/customers/${customerId}/adjust`, { points: n, reason }, {
      headers: { "Idempotency-Key": key },
      done: (res) => `${n > 0 ? "Granted" : "Deducted"} ${Math.abs(n)} points; balance ${res.points}.`,
      failed: (error) => (errorStatus(error) === 409 ? `Not booked: the balance cannot go below zero. ${errorText(error)}` : errorText(error)),
    })
    if (booked) {
      setPoints("")
      setReason("")
      setKey(newKey())
      onDone()
    }
  }
  return (
    <form onSubmit={submit} className="mt-3 flex flex-wrap items-end gap-2" data-testid="loyalty-adjust">
      <div><Label htmlFor="ly-w-points">Points (negative deducts)</Label><Input id="ly-w-points" type="number" value={points} onChange={edit(setPoints)} required /></div>
      <div><Label htmlFor="ly-w-reason">Reason</Label><Input id="ly-w-reason" value={reason} onChange={edit(setReason)} maxLength={120} required /></div>
      <Button type="submit" variant="secondary" isLoading={state.loading}>Book points</Button>
      {state.done && <Text data-testid="loyalty-adjust-done">{state.done}</Text>}
      {state.error && <Text className="text-ui-fg-error" data-testid="loyalty-adjust-error">{state.error}</Text>}
    </form>
  )
}

/** The customer's cards: issue one (generated or scanned), block and replace a lost one (the points stay). */
const CardsSection = ({ customerId, cards, onDone }: { customerId: string; cards: Overview["cards"]; onDone: () => void }) => {
  const [code, setCode] = useState("")
  const state = useAdminPost()
  const run = async (path: string, body: Record<string, string>, done: (res: { card: { code: string } }) => string) => {
    if (await state.post(path, body, { done })) {
      setCode("")
      onDone()
    }
  }
  const scanned: Record<string, string> = code.trim() ? { card_code: code.trim() } : {}
  return (
    <div className="mt-2" data-testid="loyalty-cards">
      {cards.map((c) => (
        <div key={c.code} className="flex items-center gap-2">
          <Text className="font-mono">{c.code}</Text>
          <Badge color={c.status === "active" ? "green" : "grey"}>{c.status}</Badge>
          {c.status === "active" && (
            <Button
              size="small"
              variant="secondary"
              isLoading={state.loading}
              onClick={() =>
                window.confirm(`Block card ${c.code} and issue a new one${code.trim() ? ` (${code.trim()})` : ""}? The points stay with the customer.`) &&
                run(`/loyalty/customers/${customerId}/cards/${encodeURIComponent(c.code)}/replace`, scanned, (res) => `Card ${c.code} blocked; new card ${res.card.code}.`)
              }
            >
              Lost: block and replace
            </Button>
          )}
        </div>
      ))}
      <div className="mt-1 flex flex-wrap items-end gap-2">
        <div><Label htmlFor="ly-w-card">Scanned card (empty: generate a number)</Label><Input id="ly-w-card" value={code} onChange={(e) => setCode(e.target.value)} maxLength={128} /></div>
        <Button
          size="small"
          variant="secondary"
          isLoading={state.loading}
          onClick={() => run(`/loyalty/customers/${customerId}/cards`, scanned, (res) => `Card ${res.card.code} issued.`)}
        >
          Issue a card
        </Button>
      </div>
      {state.done && <Text data-testid="loyalty-cards-done">{state.done}</Text>}
      {state.error && <Text className="text-ui-fg-error">{state.error}</Text>}
    </div>
  )
}

/** Whether the customer agreed to marketing mails (birthday and reactivation mails), recorded or withdrawn here. */
const ConsentLine = ({ customerId, consent, onDone }: { customerId: string; consent: boolean; onDone: () => void }) => {
  const state = useAdminPost()
  const change = async () => {
    if (await state.post(`/loyalty/customers/${customerId}/consent`, { marketing_consent: !consent })) {
      onDone()
    }
  }
  return (
    <div className="my-2 flex flex-wrap items-center gap-2" data-testid="loyalty-consent">
      <Text>Marketing mails (birthday greetings, offers):</Text>
      <Badge color={consent ? "green" : "grey"} data-testid="loyalty-consent-state">{consent ? "agreed" : "not agreed"}</Badge>
      <Button
        size="small"
        variant="secondary"
        isLoading={state.loading}
        onClick={change}
      >
        {consent ? "Withdraw consent" : "Record consent"}
      </Button>
      {state.error && <Text className="text-ui-fg-error">{state.error}</Text>}
    </div>
  )
}

/** On the customer page: points balance, cards, the paged points history, grant or deduct, recent visits. */
const LoyaltyCustomerWidget = ({ customer }: CustomerDetailsWidgetProps) => {
  const [offset, setOffset] = useState(0)
  const overview = useAdminCustomQuery<{ limit: number; offset: number }, Overview>(
    `/loyalty/customers/${customer.id}`,
    ["loyalty-customer", customer.id, offset],
    { limit: PAGE, offset }
  )
  const data = overview.data
  return (
    <Container data-testid="loyalty-customer-widget">
      <Heading level="h2">Loyalty</Heading>
      {!data ? (
        <Text>{overview.isError ? `Not available: ${errorText(overview.error)}` : "Loading…"}</Text>
      ) : (
        <div>
          <Text>
            <span data-testid="loyalty-balance">{data.points}</span> points · {data.cards.length} card{data.cards.length === 1 ? "" : "s"}
          </Text>
          <ConsentLine customerId={customer.id} consent={data.customer.marketing_consent} onDone={() => overview.refetch()} />
          <CardsSection customerId={customer.id} cards={data.cards} onDone={() => overview.refetch()} />
          <Table className="my-2" data-testid="loyalty-history">
            <Table.Header>
              <Table.Row><Table.HeaderCell>Date</Table.HeaderCell><Table.HeaderCell>What</Table.HeaderCell><Table.HeaderCell>Points</Table.HeaderCell><Table.HeaderCell>Balance</Table.HeaderCell><Table.HeaderCell>Reason / reference</Table.HeaderCell></Table.Row>
            </Table.Header>
            <Table.Body>
              {data.transactions.map((t) => (
                <Table.Row key={t.id} data-loyalty-transaction={t.id}>
                  <Table.Cell>{new Date(t.created_at).toLocaleString()}</Table.Cell>
                  <Table.Cell><Badge color={t.amount > 0 ? "green" : "grey"}>{TYPE_LABELS[t.type] ?? t.type}</Badge></Table.Cell>
                  <Table.Cell data-testid="loyalty-history-amount">{t.amount > 0 ? `+${t.amount}` : t.amount}</Table.Cell>
                  <Table.Cell>{t.balance_after}</Table.Cell>
                  <Table.Cell>{t.reference ?? ""}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          {data.count === 0 && <Text className="text-ui-fg-subtle">No points yet.</Text>}
          {data.count > PAGE && (
            <div className="flex items-center gap-2">
              <Button size="small" variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Newer</Button>
              <Text>{offset + 1}–{Math.min(offset + PAGE, data.count)} of {data.count}</Text>
              <Button size="small" variant="secondary" disabled={offset + PAGE >= data.count} onClick={() => setOffset(offset + PAGE)}>Older</Button>
            </div>
          )}
          <AdjustForm
            customerId={customer.id}
            onDone={() => {
              setOffset(0)
              overview.refetch()
            }}
          />
          {data.visits.length > 0 && <Heading level="h3" className="mt-3">Recent visits</Heading>}
          {data.visits.map((v) => (
            <Text key={v.id} className="text-ui-fg-subtle">
              {new Date(v.created_at).toLocaleDateString()}: {formatMinor(v.amount_minor, v.currency_code)}, {v.points_earned} points
            </Text>
          ))}
        </div>
      )}
    </Container>
  )
}

export const config: WidgetConfig = {
  zone: "customer.details.after",
}

export default LoyaltyCustomerWidget
