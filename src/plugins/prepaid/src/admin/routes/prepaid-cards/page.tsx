import type { RouteConfig } from "@medusajs/admin"
import { CreditCard } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Text } from "@medusajs/ui"
import { useAdminCustomQuery } from "medusa-react"
import { FormEvent, useState } from "react"

import { AmountInput, ConfirmButton, DateRangePicker, EmptyState, errorText, localizeLink, Money, PagedTable, useAdminLocale, useAdminPost, useT, useTransactionTypeLabel } from "@customer-modules/admin-kit"
import type { Json } from "@customer-modules/admin-kit"

import { messages } from "./messages"
import type { PrepaidCardDetail } from "../../../types"

type Card = Json<PrepaidCardDetail>
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

const statusColor = (s: Card["status"]) => (s === "active" ? "green" : s === "blocked" ? "red" : "grey")

/** One card: history, top-up with reason, daily limit, block/unblock, replace. */
const CardDetail = ({ id, onReplaced }: { id: string; onReplaced: (id: string) => void }) => {
  const t = useT(messages)
  const locale = useAdminLocale()
  const typeLabel = useTransactionTypeLabel()
  const detail = useAdminCustomQuery<{ limit: number }, { prepaid_card: Card; transactions: Transaction[]; count: number }>(
    `/prepaid-cards/${id}`,
    ["prepaid-card", id],
    { limit: 100 }
  )
  const [amount, setAmount] = useState<number | null>(null)
  const [reason, setReason] = useState("")
  const [limit, setLimit] = useState<number | null>(null)
  // Every change with an Idempotency-Key per intended change: a double click or a retry after a lost answer books once.
  const topUp = useAdminPost<{ amount: number; reason: string }, unknown>(`/prepaid-cards/${id}/top-up`)
  const update = useAdminPost<{ daily_limit: number | null }, unknown>(`/prepaid-cards/${id}`)
  const block = useAdminPost<Record<string, never>, unknown>(`/prepaid-cards/${id}/block`)
  const unblock = useAdminPost<Record<string, never>, unknown>(`/prepaid-cards/${id}/unblock`)
  const replace = useAdminPost<Record<string, never>, { prepaid_card: Card }>(`/prepaid-cards/${id}/replace`)
  const card = detail.data?.prepaid_card
  if (!card) {
    return <Container>{detail.isError ? errorText(detail.error) : t("loading")}</Container>
  }
  const refetch = () => void detail.refetch()
  const submitTopUp = (e: FormEvent) => {
    e.preventDefault()
    if (amount === null || amount <= 0) return
    void topUp.mutate(
      { amount, reason },
      {
        onSuccess: () => {
          setAmount(null)
          setReason("")
          refetch()
        },
      }
    )
  }
  const failed = [update, block, unblock, replace].find((m) => m.isError)
  return (
    <Container className="mb-4" data-testid="prepaid-detail">
      <Heading level="h2">{t("card", { code: card.code })}</Heading>
      <Text>
        {t("balanceLine")} <b data-testid="prepaid-balance"><Money amount={card.balance} currency={card.currency_code} /></b> ·{" "}
        <Badge color={statusColor(card.status)}>{t(`status_${card.status}`)}</Badge> · {t("customerLine", { customer: card.customer_id ?? t("anonymous") })} ·{" "}
        {t("dailyLimit")} {card.daily_limit === null ? t("none") : <Money amount={card.daily_limit} currency={card.currency_code} />}
      </Text>
      {card.replaced_by_id && <Text className="text-ui-fg-subtle">{t("replacedBy", { id: card.replaced_by_id })}</Text>}
      {failed && <Text className="text-ui-fg-error">{errorText(failed.error)}</Text>}
      {topUp.isError && <Text className="text-ui-fg-error">{errorText(topUp.error)}</Text>}
      {!card.replaced_by_id && (
        <div className="my-2 flex flex-wrap items-end gap-2">
          <form onSubmit={submitTopUp} className="flex items-end gap-2">
            <div>
              <Label htmlFor="pp-amount">{t("topUpAmount")}</Label>
              <AmountInput id="pp-amount" currency={card.currency_code} value={amount} onChange={setAmount} required />
            </div>
            <div><Label htmlFor="pp-reason">{t("reason")}</Label><Input id="pp-reason" value={reason} onChange={(e) => setReason(e.target.value)} required /></div>
            <Button type="submit" isLoading={topUp.isLoading}>{t("topUp")}</Button>
          </form>
          <form className="flex items-end gap-2" onSubmit={(e) => { e.preventDefault(); void update.mutate({ daily_limit: limit }, { onSuccess: refetch }) }}>
            <div>
              <Label htmlFor="pp-limit">{t("limitLabel")}</Label>
              <AmountInput id="pp-limit" currency={card.currency_code} value={limit} onChange={setLimit} />
            </div>
            <Button type="submit" variant="secondary" isLoading={update.isLoading}>{t("setLimit")}</Button>
          </form>
          {card.status === "active" && (
            <ConfirmButton
              title={t("blockTitle", { code: card.code })}
              description={t("blockText")}
              confirmLabel={t("blockConfirm")}
              isLoading={block.isLoading}
              onConfirm={() => block.mutate({}, { onSuccess: refetch })}
            >
              {t("block")}
            </ConfirmButton>
          )}
          {card.status === "blocked" && (
            <Button variant="secondary" isLoading={unblock.isLoading} onClick={() => void unblock.mutate({}, { onSuccess: refetch })}>{t("unblock")}</Button>
          )}
          {card.status !== "inactive" && (
            <ConfirmButton
              variant="secondary"
              title={t("replaceTitle", { code: card.code })}
              description={t("replaceText")}
              confirmLabel={t("replaceConfirm")}
              isLoading={replace.isLoading}
              onConfirm={() => replace.mutate({}, { onSuccess: (d) => onReplaced(d.prepaid_card.id) })}
            >
              {t("replace")}
            </ConfirmButton>
          )}
        </div>
      )}
      <PagedTable
        data-testid="prepaid-history"
        rows={detail.data?.transactions ?? []}
        rowKey={(tx) => tx.id}
        empty={<EmptyState title={t("noHistory")} hint={t("noHistoryHint")} />}
        columns={[
          { key: "when", header: t("when"), cell: (tx) => new Date(tx.created_at).toLocaleString(locale) },
          { key: "type", header: t("type"), cell: (tx) => typeLabel(tx.type) },
          { key: "amount", header: t("amount"), cell: (tx) => <Money amount={tx.amount} currency={tx.currency_code} /> },
          { key: "after", header: t("balanceAfter"), cell: (tx) => <Money amount={tx.balance_after} currency={tx.currency_code} /> },
          { key: "tender", header: t("tender"), cell: (tx) => [tx.metadata?.tender, tx.reference].filter(Boolean).join(" · ") },
          { key: "location", header: t("location"), cell: (tx) => tx.location_id ?? "" },
        ]}
      />
    </Container>
  )
}

/** Pre-printed cards: a list of codes or UIDs, inactive until a till issues them. */
const Batch = () => {
  const t = useT(messages)
  const [codes, setCodes] = useState("")
  const [currency, setCurrency] = useState("eur")
  // With an Idempotency-Key: a double click or a retry creates the cards once.
  const create = useAdminPost<{ currency_code: string; codes: string[] }, { count: number }>("/prepaid-cards/batch")
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const list = codes.split(/[\n,;]+/).map((c) => c.trim()).filter(Boolean)
    void create.mutate({ currency_code: currency, codes: list }, { onSuccess: () => setCodes("") })
  }
  return (
    <Container className="mb-4">
      <Heading level="h2">{t("batchTitle")}</Heading>
      <form onSubmit={submit} className="flex items-end gap-2">
        <div className="flex-1">
          <Label htmlFor="pp-batch">{t("batchCodes")}</Label>
          <textarea id="pp-batch" className="bg-ui-bg-field border-ui-border-base block w-full rounded-md border p-2" rows={3} value={codes} onChange={(e) => setCodes(e.target.value)} required />
        </div>
        <div><Label htmlFor="pp-currency">{t("currency")}</Label><Input id="pp-currency" value={currency} onChange={(e) => setCurrency(e.target.value)} required /></div>
        <Button type="submit" variant="secondary" isLoading={create.isLoading}>{t("batchCreate")}</Button>
      </form>
      {create.data && <Text>{t("batchDone", { count: create.data.count })}</Text>}
      {create.isError && <Text className="text-ui-fg-error">{errorText(create.error)}</Text>}
    </Container>
  )
}

/** The "Prepaid cards" page: search, detail with history, batch creation, CSV export. */
const PrepaidCardsPage = () => {
  const t = useT(messages)
  const [q, setQ] = useState("")
  const [search, setSearch] = useState("")
  const [selected, setSelected] = useState<string | null>(null)
  const [period, setPeriod] = useState({ from: "", to: "" })
  const [page, setPage] = useState(0)
  const pageSize = 20
  const list = useAdminCustomQuery<{ q?: string; limit: number; offset: number }, { prepaid_cards: Card[]; count: number }>(
    "/prepaid-cards",
    ["prepaid-cards", search, page],
    { ...(search ? { q: search } : {}), limit: pageSize, offset: page * pageSize }
  )
  const exportQuery = new URLSearchParams({ ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) }).toString()
  return (
    <div>
      <Container className="mb-4">
        <Heading level="h1">{t("title")}</Heading>
        <Text className="text-ui-fg-subtle">{t("intro")}</Text>
        <form className="mt-2 flex flex-wrap items-end gap-2" onSubmit={(e) => { e.preventDefault(); setPage(0); setSearch(q.trim()) }}>
          <div><Label htmlFor="pp-search">{t("searchLabel")}</Label><Input id="pp-search" value={q} onChange={(e) => setQ(e.target.value)} /></div>
          <Button type="submit" variant="secondary">{t("search")}</Button>
        </form>
        <div className="mt-2 flex flex-wrap items-end gap-2">
          <DateRangePicker id="pp" value={period} onChange={setPeriod} fromLabel={t("from")} toLabel={t("toExclusive")} endExclusive />
          <a className="text-ui-fg-interactive" href={`/admin/prepaid-cards/export${exportQuery ? `?${exportQuery}` : ""}`}>{t("export")}</a>
        </div>
        {list.isError && <Text className="text-ui-fg-error">{t("loadFailed", { error: errorText(list.error) })}</Text>}
        <PagedTable
          data-testid="prepaid-list"
          rows={list.data?.prepaid_cards ?? []}
          rowKey={(c) => c.id}
          rowProps={(c) => ({ "data-prepaid-code": c.code })}
          isLoading={list.isLoading}
          pageSize={pageSize}
          count={list.data?.count ?? 0}
          pageIndex={page}
          onPageChange={setPage}
          empty={
            search ? <EmptyState title={t("noMatchTitle", { q: search })} hint={t("noMatchHint")} /> : <EmptyState title={t("emptyTitle")} hint={t("emptyHint")} />
          }
          columns={[
            { key: "code", header: t("code"), cell: (c) => c.code },
            { key: "customer", header: t("customer"), cell: (c) => c.customer_id ?? t("anonymous") },
            { key: "balance", header: t("balance"), cell: (c) => <Money amount={c.balance} currency={c.currency_code} /> },
            { key: "status", header: t("status"), cell: (c) => <Badge color={statusColor(c.status)}>{t(`status_${c.status}`)}</Badge> },
            { key: "open", header: "", cell: (c) => <Button size="small" variant="secondary" onClick={() => setSelected(c.id)}>{t("open")}</Button> },
          ]}
        />
        <Text className="text-ui-fg-subtle">{t("count", { count: list.data?.count ?? 0 })}</Text>
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

// The sidebar link in the admin's language (the literal above is what the admin build checks).
localizeLink(config, { de: "Guthabenkarten", en: "Prepaid cards", pt: "Cartões pré-pagos" })

export default PrepaidCardsPage
