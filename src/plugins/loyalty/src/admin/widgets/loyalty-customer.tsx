import type { CustomerDetailsWidgetProps, WidgetConfig } from "@medusajs/admin"
import { Badge, Button, Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { useAdminCustomQuery } from "medusa-react"
import { FormEvent, useState } from "react"

import { ConfirmButton, errorStatus, errorText, newIdempotencyKey, useAdminLocale, useFormatMoney, useT } from "@customer-modules/admin-kit"

import { PointsTransaction, useFormPost } from "../components/shared"
import { messages } from "../messages"

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

const TYPE_KEYS: Record<string, "type_grant" | "type_redeem" | "type_adjust" | "type_expire" | "type_reverse"> = {
  grant: "type_grant",
  redeem: "type_redeem",
  adjust: "type_adjust",
  expire: "type_expire",
  reverse: "type_reverse",
}

/** Grant (positive) or deduct (negative) points with a reason; one Idempotency-Key per intended booking. */
const AdjustForm = ({ customerId, onDone }: { customerId: string; onDone: () => void }) => {
  const t = useT(messages)
  const [points, setPoints] = useState("")
  const [reason, setReason] = useState("")
  const [key, setKey] = useState(newIdempotencyKey)
  const state = useFormPost()
  const edit = (set: (v: string) => void) => (e: React.ChangeEvent<HTMLInputElement>) => {
    set(e.target.value)
    setKey(newIdempotencyKey())
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const n = Number(points)
    if (!Number.isInteger(n) || n === 0) return state.refuse(t("wholeNumber"))
    const booked = await state.post<{ points: number }>(`/loyalty/customers/${customerId}/adjust`, { points: n, reason }, {
      headers: { "Idempotency-Key": key },
      done: (res) => t(n > 0 ? "grantedN" : "deductedN", { n: Math.abs(n), balance: res.points }),
      failed: (error) => (errorStatus(error) === 409 ? t("notBooked", { error: errorText(error) }) : errorText(error)),
    })
    if (booked) {
      setPoints("")
      setReason("")
      setKey(newIdempotencyKey())
      onDone()
    }
  }
  return (
    <form onSubmit={submit} className="mt-3 flex flex-wrap items-end gap-2" data-testid="loyalty-adjust">
      <div><Label htmlFor="ly-w-points">{t("pointsNeg")}</Label><Input id="ly-w-points" type="number" value={points} onChange={edit(setPoints)} required /></div>
      <div><Label htmlFor="ly-w-reason">{t("reason")}</Label><Input id="ly-w-reason" value={reason} onChange={edit(setReason)} maxLength={120} required /></div>
      <Button type="submit" variant="secondary" isLoading={state.loading}>{t("bookPoints")}</Button>
      {state.done && <Text data-testid="loyalty-adjust-done">{state.done}</Text>}
      {state.error && <Text className="text-ui-fg-error" data-testid="loyalty-adjust-error">{state.error}</Text>}
    </form>
  )
}

/** The customer's cards: issue one (generated or scanned), block and replace a lost one (the points stay). */
const CardsSection = ({ customerId, cards, onDone }: { customerId: string; cards: Overview["cards"]; onDone: () => void }) => {
  const t = useT(messages)
  const [code, setCode] = useState("")
  const state = useFormPost()
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
          <Badge color={c.status === "active" ? "green" : "grey"}>{["active", "blocked", "inactive"].includes(c.status) ? t(`card_${c.status as "active" | "blocked" | "inactive"}`) : c.status}</Badge>
          {c.status === "active" && (
            <Button
              size="small"
              variant="secondary"
              isLoading={state.loading}
              onClick={() =>
                window.confirm(t("confirmReplace", { code: c.code, scanned: code.trim() ? ` (${code.trim()})` : "" })) &&
                run(`/loyalty/customers/${customerId}/cards/${encodeURIComponent(c.code)}/replace`, scanned, (res) => t("replaced", { code: c.code, next: res.card.code }))
              }
            >
              {t("lostReplace")}
            </Button>
          )}
        </div>
      ))}
      <div className="mt-1 flex flex-wrap items-end gap-2">
        <div><Label htmlFor="ly-w-card">{t("scanned")}</Label><Input id="ly-w-card" value={code} onChange={(e) => setCode(e.target.value)} maxLength={128} /></div>
        <Button
          size="small"
          variant="secondary"
          isLoading={state.loading}
          onClick={() => run(`/loyalty/customers/${customerId}/cards`, scanned, (res) => t("cardIssued", { code: res.card.code }))}
        >
          {t("issueCard")}
        </Button>
      </div>
      {state.done && <Text data-testid="loyalty-cards-done">{state.done}</Text>}
      {state.error && <Text className="text-ui-fg-error">{state.error}</Text>}
    </div>
  )
}

/** Whether the customer agreed to marketing mails (birthday and reactivation mails), recorded or withdrawn here. */
const ConsentLine = ({ customerId, consent, onDone }: { customerId: string; consent: boolean; onDone: () => void }) => {
  const t = useT(messages)
  const state = useFormPost()
  const change = async () => {
    if (await state.post(`/loyalty/customers/${customerId}/consent`, { marketing_consent: !consent })) {
      onDone()
    }
  }
  return (
    <div className="my-2 flex flex-wrap items-center gap-2" data-testid="loyalty-consent">
      <Text>{t("consentLabel")}</Text>
      <Badge color={consent ? "green" : "grey"} data-testid="loyalty-consent-state">{consent ? t("agreed") : t("notAgreed")}</Badge>
      {consent ? (
        <ConfirmButton
          size="small"
          variant="secondary"
          isLoading={state.loading}
          onConfirm={change}
          title={t("withdrawConsentTitle")}
          description={t("withdrawConsentText")}
          confirmLabel={t("withdrawConsent")}
        >
          {t("withdrawConsent")}
        </ConfirmButton>
      ) : (
        <Button size="small" variant="secondary" isLoading={state.loading} onClick={change}>
          {t("recordConsent")}
        </Button>
      )}
      {state.error && <Text className="text-ui-fg-error">{state.error}</Text>}
    </div>
  )
}

/** On the customer page: points balance, cards, the paged points history, grant or deduct, recent visits. */
const LoyaltyCustomerWidget = ({ customer }: CustomerDetailsWidgetProps) => {
  const [offset, setOffset] = useState(0)
  const t = useT(messages)
  const locale = useAdminLocale()
  const money = useFormatMoney()
  const overview = useAdminCustomQuery<{ limit: number; offset: number }, Overview>(
    `/loyalty/customers/${customer.id}`,
    ["loyalty-customer", customer.id, offset],
    { limit: PAGE, offset }
  )
  const data = overview.data
  return (
    <Container data-testid="loyalty-customer-widget">
      <Heading level="h2">{t("title")}</Heading>
      {!data ? (
        <Text>{overview.isError ? t("notAvailable", { error: errorText(overview.error) }) : t("loading")}</Text>
      ) : (
        <div>
          <Text>
            <span data-testid="loyalty-balance">{data.points}</span> {t("pointsWord")} · {data.cards.length === 1 ? t("oneCard") : t("cardsCount", { count: data.cards.length })}
          </Text>
          <ConsentLine customerId={customer.id} consent={data.customer.marketing_consent} onDone={() => overview.refetch()} />
          <CardsSection customerId={customer.id} cards={data.cards} onDone={() => overview.refetch()} />
          <Table className="my-2" data-testid="loyalty-history">
            <Table.Header>
              <Table.Row><Table.HeaderCell>{t("date")}</Table.HeaderCell><Table.HeaderCell>{t("what")}</Table.HeaderCell><Table.HeaderCell>{t("points")}</Table.HeaderCell><Table.HeaderCell>{t("balance")}</Table.HeaderCell><Table.HeaderCell>{t("reasonRef")}</Table.HeaderCell></Table.Row>
            </Table.Header>
            <Table.Body>
              {data.transactions.map((tx) => (
                <Table.Row key={tx.id} data-loyalty-transaction={tx.id}>
                  <Table.Cell>{new Date(tx.created_at).toLocaleString(locale)}</Table.Cell>
                  <Table.Cell><Badge color={tx.amount > 0 ? "green" : "grey"}>{TYPE_KEYS[tx.type] ? t(TYPE_KEYS[tx.type]) : tx.type}</Badge></Table.Cell>
                  <Table.Cell data-testid="loyalty-history-amount">{tx.amount > 0 ? `+${tx.amount}` : tx.amount}</Table.Cell>
                  <Table.Cell>{tx.balance_after}</Table.Cell>
                  <Table.Cell>{tx.reference ?? ""}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          {data.count === 0 && <Text className="text-ui-fg-subtle">{t("noPoints")}</Text>}
          {data.count > PAGE && (
            <div className="flex items-center gap-2">
              <Button size="small" variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t("newer")}</Button>
              <Text>{t("range", { from: offset + 1, to: Math.min(offset + PAGE, data.count), count: data.count })}</Text>
              <Button size="small" variant="secondary" disabled={offset + PAGE >= data.count} onClick={() => setOffset(offset + PAGE)}>{t("older")}</Button>
            </div>
          )}
          <AdjustForm
            customerId={customer.id}
            onDone={() => {
              setOffset(0)
              overview.refetch()
            }}
          />
          {data.visits.length > 0 && <Heading level="h3" className="mt-3">{t("recentVisits")}</Heading>}
          {data.visits.map((v) => (
            <Text key={v.id} className="text-ui-fg-subtle">
              {t("visitLine", { date: new Date(v.created_at).toLocaleDateString(locale), amount: money(v.amount_minor, v.currency_code), points: v.points_earned })}
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
