import type { RouteConfig } from "@medusajs/admin"
import { Gift } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Label, Select, Table, Text } from "@medusajs/ui"
import { useAdminCustomPost, useAdminCustomQuery } from "medusa-react"
import { FormEvent, useState } from "react"

import { useIdempotentPost } from "../../components/idempotent-post"

type Voucher = {
  id: string
  code: string
  balance: number
  currency_code: string
  customer_id: string | null
  status: "inactive" | "active" | "blocked"
  expires_at: string | null
}
type Transaction = { id: string; type: string; amount: number; balance_after: number; reference: string | null; location_id: string | null; created_at: string }
type Settings = { validity: "none" | "months" | "years_after_year_end"; validity_count: number; time_zone: string }
type LiabilityLine = { location_id: string | null; location: string; sold: number; reloaded: number; redeemed: number; expired: number; refunded: number; other: number }
type Liability = { opening: number; closing: number; totals: Omit<LiabilityLine, "location_id" | "location">; locations: LiabilityLine[] }

type ApiError = { response?: { data?: { message?: string } }; message?: string }
const problem = (e: unknown): string => (e as ApiError)?.response?.data?.message ?? (e as ApiError)?.message ?? String(e)
const money = (minor: number, currency: string): string =>
  new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(minor / 100)
const STATUS_COLOR = { active: "green", inactive: "grey", blocked: "red" } as const

/** A voucher's detail: balance, validity, history, block/unblock and reload. */
const VoucherDetail = ({ id }: { id: string }) => {
  const detail = useAdminCustomQuery<Record<string, never>, { gift_card: Voucher; transactions: Transaction[] }>(`/vouchers/${id}`, ["voucher", id])
  const block = useAdminCustomPost<{ reference?: string }, { gift_card: Voucher }>(`/vouchers/${id}/block`, ["voucher", id])
  const unblock = useAdminCustomPost<{ reference?: string }, { gift_card: Voucher }>(`/vouchers/${id}/unblock`, ["voucher", id])
  // Money moves with an Idempotency-Key: a double click or a retry reloads once.
  const reload = useIdempotentPost<{ amount: number }, { gift_card: Voucher }>(`/vouchers/${id}/reload`)
  const [amount, setAmount] = useState("")
  const card = detail.data?.gift_card
  if (!card) {
    return <Text>{detail.isError ? problem(detail.error) : "Loading…"}</Text>
  }
  const failed = [block, unblock, reload].find((m) => m.isError)
  return (
    <div data-testid="voucher-detail">
      <Heading level="h2">
        {card.code} <Badge color={STATUS_COLOR[card.status]}>{card.status}</Badge>
      </Heading>
      <Text>
        Balance <strong data-testid="voucher-balance">{money(card.balance, card.currency_code)}</strong>
        {card.expires_at ? ` · valid until ${new Date(new Date(card.expires_at).getTime() - 1).toLocaleDateString()}` : " · no expiry"}
        {card.customer_id ? ` · customer ${card.customer_id}` : " · anonymous"}
      </Text>
      {card.status === "active" && card.balance > 0 && (
        <a className="txt-compact-small text-ui-fg-interactive" href={`/admin/vouchers/${card.id}/pdf`} target="_blank" rel="noreferrer">
          Voucher PDF
        </a>
      )}
      <div className="my-2 flex items-end gap-2">
        {card.status === "active" && (
          <Button variant="danger" onClick={() => block.mutate({ reference: "admin" })} isLoading={block.isLoading}>Block</Button>
        )}
        {card.status === "blocked" && (
          <Button variant="secondary" onClick={() => unblock.mutate({ reference: "admin" })} isLoading={unblock.isLoading}>Unblock</Button>
        )}
        {card.status === "active" && (
          <form
            className="flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault()
              void reload.mutate({ amount: Math.round(Number(amount) * 100) }, { onSuccess: () => { setAmount(""); void detail.refetch() } })
            }}
          >
            <div><Label htmlFor="reload-amount">Reload ({card.currency_code.toUpperCase()})</Label><Input id="reload-amount" type="number" min="0.01" step="0.01" value={amount} onChange={(e) => setAmount(e.target.value)} required /></div>
            <Button type="submit" variant="secondary" isLoading={reload.isLoading}>Reload</Button>
          </form>
        )}
      </div>
      {failed && <Text className="text-ui-fg-error">{problem(failed.error)}</Text>}
      <Table data-testid="voucher-history">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>When</Table.HeaderCell>
            <Table.HeaderCell>What</Table.HeaderCell>
            <Table.HeaderCell>Amount</Table.HeaderCell>
            <Table.HeaderCell>Balance after</Table.HeaderCell>
            <Table.HeaderCell>Reference</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {(detail.data?.transactions ?? []).map((t) => (
            <Table.Row key={t.id}>
              <Table.Cell>{new Date(t.created_at).toLocaleString()}</Table.Cell>
              <Table.Cell>{t.type}</Table.Cell>
              <Table.Cell>{money(t.amount, card.currency_code)}</Table.Cell>
              <Table.Cell>{money(t.balance_after, card.currency_code)}</Table.Cell>
              <Table.Cell>{t.reference ?? ""}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}

/** Search, list and sell. */
const Vouchers = () => {
  const [q, setQ] = useState("")
  const [selected, setSelected] = useState<string | null>(null)
  const list = useAdminCustomQuery<{ q?: string; limit: number }, { gift_cards: Voucher[]; count: number }>(
    "/vouchers",
    ["vouchers", q],
    { q: q || undefined, limit: 20 }
  )
  // Money moves with an Idempotency-Key: a double click or a retry sells once.
  const sell = useIdempotentPost<{ amount: number; currency_code: string; code?: string }, { gift_card: Voucher }>("/vouchers")
  const [amount, setAmount] = useState("")
  const [code, setCode] = useState("")
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void sell.mutate(
      { amount: Math.round(Number(amount) * 100), currency_code: "eur", ...(code ? { code } : {}) },
      { onSuccess: (res) => { setAmount(""); setCode(""); setSelected(res.gift_card.id); void list.refetch() } }
    )
  }
  return (
    <Container className="mb-4">
      <Heading level="h2">Vouchers</Heading>
      <div className="my-2 flex items-end gap-2">
        <div><Label htmlFor="voucher-q">Search by number or customer</Label><Input id="voucher-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} /></div>
        <Text className="text-ui-fg-subtle">{list.data ? `${list.data.count} vouchers` : ""}</Text>
      </div>
      <Table data-testid="voucher-list">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Number</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Balance</Table.HeaderCell>
            <Table.HeaderCell>Valid until</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {(list.data?.gift_cards ?? []).map((v) => (
            <Table.Row key={v.id} data-voucher={v.code} className="cursor-pointer" onClick={() => setSelected(v.id)}>
              <Table.Cell>{v.code}</Table.Cell>
              <Table.Cell><Badge color={STATUS_COLOR[v.status]}>{v.status}</Badge></Table.Cell>
              <Table.Cell>{money(v.balance, v.currency_code)}</Table.Cell>
              <Table.Cell>{v.expires_at ? new Date(new Date(v.expires_at).getTime() - 1).toLocaleDateString() : "—"}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <form onSubmit={submit} className="my-2 flex items-end gap-2">
        <div><Label htmlFor="sell-amount">Amount (EUR)</Label><Input id="sell-amount" type="number" min="0.01" step="0.01" value={amount} onChange={(e) => setAmount(e.target.value)} required /></div>
        <div><Label htmlFor="sell-code">Own number (optional)</Label><Input id="sell-code" value={code} onChange={(e) => setCode(e.target.value)} /></div>
        <Button type="submit" variant="secondary" isLoading={sell.isLoading}>Create voucher</Button>
      </form>
      {sell.isError && <Text className="text-ui-fg-error">{problem(sell.error)}</Text>}
      {selected && <VoucherDetail id={selected} />}
    </Container>
  )
}

/** Validity of newly sold vouchers. */
const ValiditySettings = () => {
  const current = useAdminCustomQuery<Record<string, never>, { settings: Settings }>("/vouchers/settings", ["voucher-settings"])
  const save = useAdminCustomPost<Partial<Settings>, { settings: Settings }>("/vouchers/settings", ["voucher-settings"])
  const settings = current.data?.settings
  const [validity, setValidity] = useState<Settings["validity"] | "">("")
  const [count, setCount] = useState("")
  if (!settings) {
    return null
  }
  const shown = validity || settings.validity
  return (
    <Container className="mb-4" data-testid="voucher-settings">
      <Heading level="h2">Validity</Heading>
      <Text className="text-ui-fg-subtle">Applies to vouchers sold from now on. In Germany the statutory period is 3 years from the end of the year of sale.</Text>
      <div className="my-2 flex items-end gap-2">
        <div>
          <Label>Vouchers are valid</Label>
          <Select value={shown} onValueChange={(v) => setValidity(v as Settings["validity"])}>
            <Select.Trigger><Select.Value /></Select.Trigger>
            <Select.Content>
              <Select.Item value="none">without limit</Select.Item>
              <Select.Item value="months">for N months</Select.Item>
              <Select.Item value="years_after_year_end">until the end of the year of sale plus N years</Select.Item>
            </Select.Content>
          </Select>
        </div>
        {shown !== "none" && (
          <div><Label htmlFor="validity-count">N</Label><Input id="validity-count" type="number" min="1" max="600" value={count || String(settings.validity_count)} onChange={(e) => setCount(e.target.value)} /></div>
        )}
        <Button variant="secondary" isLoading={save.isLoading} onClick={() => save.mutate({ validity: shown, ...(count ? { validity_count: Number(count) } : {}) })}>Save</Button>
      </div>
      {save.isError && <Text className="text-ui-fg-error">{problem(save.error)}</Text>}
    </Container>
  )
}

/** Liability over a period, with CSV export. */
const LiabilityReport = () => {
  const firstOfMonth = new Date()
  firstOfMonth.setDate(1)
  const [from, setFrom] = useState(firstOfMonth.toISOString().slice(0, 10))
  const [to, setTo] = useState(new Date().toISOString().slice(0, 10))
  const report = useAdminCustomQuery<{ from: string; to: string }, { report: Liability }>("/vouchers/liability", ["voucher-liability", from, to], { from, to })
  const r = report.data?.report
  const eur = (n: number) => money(n, "eur")
  return (
    <Container className="mb-4" data-testid="voucher-liability">
      <Heading level="h2">Liability</Heading>
      <Text className="text-ui-fg-subtle">Selling a voucher is a liability, not revenue; redeeming it is revenue.</Text>
      <div className="my-2 flex items-end gap-2">
        <div><Label htmlFor="liability-from">From</Label><Input id="liability-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></div>
        <div><Label htmlFor="liability-to">To</Label><Input id="liability-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} /></div>
        <a className="txt-compact-small text-ui-fg-interactive" href={`/admin/vouchers/liability?from=${from}&to=${to}&format=csv`}>Export CSV</a>
      </div>
      {report.isError && <Text className="text-ui-fg-error">{problem(report.error)}</Text>}
      {r && (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Location</Table.HeaderCell>
              <Table.HeaderCell>Sold</Table.HeaderCell>
              <Table.HeaderCell>Reloaded</Table.HeaderCell>
              <Table.HeaderCell>Redeemed</Table.HeaderCell>
              <Table.HeaderCell>Expired</Table.HeaderCell>
              <Table.HeaderCell>Refunded</Table.HeaderCell>
              <Table.HeaderCell>Other</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            <Table.Row><Table.Cell>Opening liability</Table.Cell><Table.Cell data-testid="liability-opening">{eur(r.opening)}</Table.Cell></Table.Row>
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
            <Table.Row><Table.Cell>Closing liability</Table.Cell><Table.Cell data-testid="liability-closing">{eur(r.closing)}</Table.Cell></Table.Row>
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

/** The "Gift vouchers" page (a block body: the admin bundler only accepts a component that returns JSX). */
const VouchersPage = () => {
  return (
  <div>
    <Container className="mb-4">
      <Heading level="h1">Gift vouchers</Heading>
      <Text className="text-ui-fg-subtle">Every voucher keeps its own balance, usable at every location, partly redeemable and reloadable.</Text>
    </Container>
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

export default VouchersPage
