import type { RouteConfig } from "@medusajs/admin"
import { Gift } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Select, Table, Text } from "@medusajs/ui"
import { useAdminCustomQuery } from "medusa-react"
import { FormEvent, useState } from "react"

import { AmountInput, ConfirmButton, DateRangePicker, EmptyState, errorText, localizeLink, Money, PagedTable, PageHeader, toDateInput, useAdminLocale, useAdminPost, useT, useTransactionTypeLabel } from "@customer-modules/admin-kit"
import type { Json } from "@customer-modules/admin-kit"

import { messages } from "./messages"
import type { GiftCardView } from "../../../types"

type Voucher = Json<GiftCardView>
type Transaction = { id: string; type: string; amount: number; balance_after: number; reference: string | null; location_id: string | null; created_at: string }
type Settings = { validity: "none" | "months" | "years_after_year_end"; validity_count: number; time_zone: string }
type LiabilityLine = { location_id: string | null; location: string; sold: number; reloaded: number; redeemed: number; expired: number; refunded: number; other: number }
type Liability = { opening: number; closing: number; totals: Omit<LiabilityLine, "location_id" | "location">; locations: LiabilityLine[] }

const STATUS_COLOR = { active: "green", inactive: "grey", blocked: "red" } as const
/** The last valid day of a voucher valid until `expires_at` (exclusive). */
const lastDay = (expiresAt: string, locale: string) => new Date(new Date(expiresAt).getTime() - 1).toLocaleDateString(locale)

/** A voucher's detail: balance, validity, history, block/unblock and reload. */
const VoucherDetail = ({ id }: { id: string }) => {
  const t = useT(messages)
  const locale = useAdminLocale()
  const typeLabel = useTransactionTypeLabel()
  const detail = useAdminCustomQuery<Record<string, never>, { gift_card: Voucher; transactions: Transaction[] }>(`/vouchers/${id}`, ["voucher", id])
  const block = useAdminPost<{ reference?: string }, { gift_card: Voucher }>(`/vouchers/${id}/block`)
  const unblock = useAdminPost<{ reference?: string }, { gift_card: Voucher }>(`/vouchers/${id}/unblock`)
  // Money moves with an Idempotency-Key: a double click or a retry reloads once.
  const reload = useAdminPost<{ amount: number }, { gift_card: Voucher }>(`/vouchers/${id}/reload`)
  const [amount, setAmount] = useState<number | null>(null)
  const card = detail.data?.gift_card
  if (!card) {
    return <Text>{detail.isError ? errorText(detail.error) : t("loading")}</Text>
  }
  const refetch = () => void detail.refetch()
  const failed = [block, unblock, reload].find((m) => m.isError)
  return (
    <div data-testid="voucher-detail">
      <Heading level="h2">
        {card.code} <Badge color={STATUS_COLOR[card.status]}>{t(`status_${card.status}`)}</Badge>
      </Heading>
      <Text>
        {t("balance")} <strong data-testid="voucher-balance"><Money amount={card.balance} currency={card.currency_code} /></strong>
        {card.expires_at ? t("validUntil", { date: lastDay(card.expires_at, locale) }) : t("noExpiry")}
        {card.customer_id ? t("customer", { customer: card.customer_id }) : t("anonymous")}
      </Text>
      {card.status === "active" && card.balance > 0 && (
        <a className="txt-compact-small text-ui-fg-interactive" href={`/admin/vouchers/${card.id}/pdf?locale=${locale}`} target="_blank" rel="noreferrer">
          {t("pdf")}
        </a>
      )}
      <div className="my-2 flex items-end gap-2">
        {card.status === "active" && (
          <ConfirmButton
            onConfirm={() => block.mutate({ reference: "admin" }, { onSuccess: refetch })}
            isLoading={block.isLoading}
            title={t("blockTitle", { code: card.code })}
            description={t("blockText")}
            confirmLabel={t("block")}
          >
            {t("block")}
          </ConfirmButton>
        )}
        {card.status === "blocked" && (
          <Button variant="secondary" onClick={() => void unblock.mutate({ reference: "admin" }, { onSuccess: refetch })} isLoading={unblock.isLoading}>{t("unblock")}</Button>
        )}
        {card.status === "active" && (
          <form
            className="flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault()
              if (amount === null || amount <= 0) return
              void reload.mutate({ amount }, { onSuccess: () => { setAmount(null); refetch() } })
            }}
          >
            <div>
              <Label htmlFor="reload-amount">{t("reloadLabel")}</Label>
              <AmountInput id="reload-amount" currency={card.currency_code} value={amount} onChange={setAmount} required />
            </div>
            <Button type="submit" variant="secondary" isLoading={reload.isLoading}>{t("reload")}</Button>
          </form>
        )}
      </div>
      {failed && <Text className="text-ui-fg-error">{errorText(failed.error)}</Text>}
      <PagedTable
        data-testid="voucher-history"
        rows={detail.data?.transactions ?? []}
        rowKey={(x) => x.id}
        empty={<EmptyState title={t("noHistory")} />}
        columns={[
          { key: "when", header: t("when"), cell: (x) => new Date(x.created_at).toLocaleString(locale) },
          { key: "what", header: t("what"), cell: (x) => typeLabel(x.type) },
          { key: "amount", header: t("amount"), cell: (x) => <Money amount={x.amount} currency={card.currency_code} /> },
          { key: "after", header: t("balanceAfter"), cell: (x) => <Money amount={x.balance_after} currency={card.currency_code} /> },
          { key: "reference", header: t("reference"), cell: (x) => x.reference ?? "" },
        ]}
      />
    </div>
  )
}

/** Search, list and sell. */
const Vouchers = () => {
  const t = useT(messages)
  const locale = useAdminLocale()
  const [q, setQ] = useState("")
  const [page, setPage] = useState(0)
  const [selected, setSelected] = useState<string | null>(null)
  const pageSize = 20
  const list = useAdminCustomQuery<{ q?: string; limit: number; offset: number }, { gift_cards: Voucher[]; count: number }>(
    "/vouchers",
    ["vouchers", q, page],
    { q: q || undefined, limit: pageSize, offset: page * pageSize }
  )
  // Money moves with an Idempotency-Key: a double click or a retry sells once.
  const sell = useAdminPost<{ amount: number; currency_code: string; code?: string }, { gift_card: Voucher }>("/vouchers")
  const [amount, setAmount] = useState<number | null>(null)
  const [code, setCode] = useState("")
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (amount === null || amount <= 0) return
    void sell.mutate(
      { amount, currency_code: "eur", ...(code ? { code } : {}) },
      { onSuccess: (res) => { setAmount(null); setCode(""); setSelected(res.gift_card.id); void list.refetch() } }
    )
  }
  return (
    <Container className="mb-4">
      <Heading level="h2">{t("vouchers")}</Heading>
      <div className="my-2 flex items-end gap-2">
        <div><Label htmlFor="voucher-q">{t("searchLabel")}</Label><Input id="voucher-q" type="search" value={q} onChange={(e) => { setPage(0); setQ(e.target.value) }} /></div>
        <Text className="text-ui-fg-subtle">{list.data ? t("count", { count: list.data.count }) : ""}</Text>
      </div>
      <PagedTable
        data-testid="voucher-list"
        rows={list.data?.gift_cards ?? []}
        rowKey={(v) => v.id}
        rowProps={(v) => ({ "data-voucher": v.code, className: "cursor-pointer", onClick: () => setSelected(v.id) })}
        isLoading={list.isLoading}
        pageSize={pageSize}
        count={list.data?.count ?? 0}
        pageIndex={page}
        onPageChange={setPage}
        empty={q ? <EmptyState title={t("noMatch", { q })} hint={t("noMatchHint")} /> : <EmptyState title={t("noVouchers")} hint={t("noVouchersHint")} />}
        columns={[
          { key: "code", header: t("number"), cell: (v) => v.code },
          { key: "status", header: t("status"), cell: (v) => <Badge color={STATUS_COLOR[v.status]}>{t(`status_${v.status}`)}</Badge> },
          { key: "balance", header: t("balance"), cell: (v) => <Money amount={v.balance} currency={v.currency_code} /> },
          { key: "valid", header: t("validUntilHeader"), cell: (v) => (v.expires_at ? lastDay(v.expires_at, locale) : "—") },
        ]}
      />
      <form onSubmit={submit} className="my-2 flex items-end gap-2">
        <div><Label htmlFor="sell-amount">{t("sellAmount")}</Label><AmountInput id="sell-amount" currency="eur" value={amount} onChange={setAmount} required /></div>
        <div><Label htmlFor="sell-code">{t("ownNumber")}</Label><Input id="sell-code" value={code} onChange={(e) => setCode(e.target.value)} /></div>
        <Button type="submit" variant="secondary" isLoading={sell.isLoading}>{t("create")}</Button>
      </form>
      {sell.isError && <Text className="text-ui-fg-error">{errorText(sell.error)}</Text>}
      {selected && <VoucherDetail key={selected} id={selected} />}
    </Container>
  )
}

/** Validity of newly sold vouchers. */
const ValiditySettings = () => {
  const t = useT(messages)
  const current = useAdminCustomQuery<Record<string, never>, { settings: Settings }>("/vouchers/settings", ["voucher-settings"])
  const save = useAdminPost<Partial<Settings>, { settings: Settings }>("/vouchers/settings")
  const settings = current.data?.settings
  const [validity, setValidity] = useState<Settings["validity"] | "">("")
  const [count, setCount] = useState("")
  if (!settings) {
    return null
  }
  const shown = validity || settings.validity
  return (
    <Container className="mb-4" data-testid="voucher-settings">
      <Heading level="h2">{t("validity")}</Heading>
      <Text className="text-ui-fg-subtle">{t("validityIntro")}</Text>
      <div className="my-2 flex items-end gap-2">
        <div>
          <Label>{t("validFor")}</Label>
          <Select value={shown} onValueChange={(v) => setValidity(v as Settings["validity"])}>
            <Select.Trigger><Select.Value /></Select.Trigger>
            <Select.Content>
              <Select.Item value="none">{t("validity_none")}</Select.Item>
              <Select.Item value="months">{t("validity_months")}</Select.Item>
              <Select.Item value="years_after_year_end">{t("validity_years")}</Select.Item>
            </Select.Content>
          </Select>
        </div>
        {shown !== "none" && (
          <div><Label htmlFor="validity-count">N</Label><Input id="validity-count" type="number" min="1" max="600" value={count || String(settings.validity_count)} onChange={(e) => setCount(e.target.value)} /></div>
        )}
        <Button
          variant="secondary"
          isLoading={save.isLoading}
          onClick={() => void save.mutate({ validity: shown, ...(count ? { validity_count: Number(count) } : {}) }, { onSuccess: () => void current.refetch() })}
        >
          {t("save")}
        </Button>
      </div>
      {save.isSuccess && <Text className="text-ui-fg-subtle">{t("saved")}</Text>}
      {save.isError && <Text className="text-ui-fg-error">{errorText(save.error)}</Text>}
    </Container>
  )
}

/** Liability over a period, with CSV export. */
const LiabilityReport = () => {
  const t = useT(messages)
  const [period, setPeriod] = useState(() => {
    const today = new Date()
    return { from: toDateInput(new Date(today.getFullYear(), today.getMonth(), 1)), to: toDateInput(today) }
  })
  const { from, to } = period
  const report = useAdminCustomQuery<{ from: string; to: string }, { report: Liability }>("/vouchers/liability", ["voucher-liability", from, to], { from, to })
  const r = report.data?.report
  const eur = (n: number) => <Money amount={n} currency="eur" />
  return (
    <Container className="mb-4" data-testid="voucher-liability">
      <Heading level="h2">{t("liability")}</Heading>
      <Text className="text-ui-fg-subtle">{t("liabilityIntro")}</Text>
      <div className="my-2 flex flex-wrap items-end gap-2">
        <DateRangePicker id="liability" value={period} onChange={setPeriod} fromLabel={t("from")} toLabel={t("to")} required />
        <a className="txt-compact-small text-ui-fg-interactive" href={`/admin/vouchers/liability?from=${from}&to=${to}&format=csv`}>{t("exportCsv")}</a>
      </div>
      {report.isError && <Text className="text-ui-fg-error">{errorText(report.error)}</Text>}
      {r && (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t("location")}</Table.HeaderCell>
              <Table.HeaderCell>{t("sold")}</Table.HeaderCell>
              <Table.HeaderCell>{t("reloaded")}</Table.HeaderCell>
              <Table.HeaderCell>{t("redeemed")}</Table.HeaderCell>
              <Table.HeaderCell>{t("expired")}</Table.HeaderCell>
              <Table.HeaderCell>{t("refunded")}</Table.HeaderCell>
              <Table.HeaderCell>{t("other")}</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            <Table.Row><Table.Cell>{t("opening")}</Table.Cell><Table.Cell data-testid="liability-opening">{eur(r.opening)}</Table.Cell></Table.Row>
            {r.locations.map((l) => (
              <Table.Row key={l.location_id ?? "none"}>
                <Table.Cell>{l.location}</Table.Cell>
                <Table.Cell>{eur(l.sold)}</Table.Cell>
                <Table.Cell>{eur(l.reloaded)}</Table.Cell>
                <Table.Cell>{eur(l.redeemed)}</Table.Cell>
                <Table.Cell>{eur(l.expired)}</Table.Cell>
                <Table.Cell>{eur(l.refunded)}</Table.Cell>
                <Table.Cell>{eur(l.other)}</Table.Cell>
              </Table.Row>
            ))}
            <Table.Row><Table.Cell>{t("closing")}</Table.Cell><Table.Cell data-testid="liability-closing">{eur(r.closing)}</Table.Cell></Table.Row>
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

/** The "Gift vouchers" page (a block body: the admin bundler only accepts a component that returns JSX). */
const VouchersPage = () => {
  const t = useT(messages)
  return (
    <div>
      <PageHeader title={t("title")} intro={t("intro")} />
      <Vouchers />
      <ValiditySettings />
      <LiabilityReport />
    </div>
  )
}

export const config: RouteConfig = {
  link: {
    label: "Gift vouchers",
    icon: Gift,
  },
}

// The sidebar link in the admin's language (the literal above is what the admin build checks).
localizeLink(config, { de: "Geschenkgutscheine", en: "Gift vouchers", pt: "Vales-oferta" })

export default VouchersPage
